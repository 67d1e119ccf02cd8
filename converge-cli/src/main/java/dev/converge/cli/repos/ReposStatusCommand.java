package dev.converge.cli.repos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.model.Base;
import dev.converge.core.state.StateStore;
import dev.converge.repos.ReposSync;
import dev.converge.repos.git.InspectRepo;
import dev.converge.repos.git.RepoStatus;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.DiscoveryFault;
import dev.converge.repos.provider.HostedRepo;
import dev.converge.repos.provider.LocalProvider;
import dev.converge.repos.provider.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge repos status [PATTERN]}: what the clones in the workspace look like, read-only. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show each clone under --into: branch, state, ahead/behind its upstream, dirty files, last sync.",
                "Reads local repositories only; fetches nothing. 'last sync' needs the provider (--provider or config)."},
        footer = {"", "Example:", "  converge repos status 'myorg/*' --into ~/src --provider work"})
public final class ReposStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", defaultValue = "**", description = "Glob over full paths (default: everything).")
    String pattern;

    @Mixin
    ProviderOptions providerOptions;

    @Mixin
    GlobalOptions global;

    /** One row of the table. */
    private record Row(String repo, RepoStatus status, Base base) {
    }

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        ReposSettings.checkConfig(inv);
        RepoPattern repoPattern = RepoPattern.parse(pattern);
        Path into = providerOptions.into(inv);
        Map<String, Base> bases = bases(inv, repoPattern, into);
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(into)) {
            try {
                for (HostedRepo clone : new LocalProvider("workspace", into).discover(repoPattern).toList()) {
                    Path dir = into.resolve(clone.fullPath());
                    if (Files.exists(dir.resolve(".git"))) {
                        rows.add(new Row(clone.fullPath(), InspectRepo.of(dir).call(), bases.get(clone.fullPath())));
                    }
                }
            } catch (DiscoveryFault e) {
                throw e.fault();
            }
        }
        if (inv.console().json()) {
            inv.console().print(json(rows));
        } else {
            print(inv, rows);
        }
        return 0;
    }

    /** The bases, when a provider is named; without one there is no sync to read them from. */
    private Map<String, Base> bases(Invocation inv, RepoPattern repoPattern, Path into) throws ConvergeException {
        boolean providerKnown = providerOptions.provider != null || providerOptions.root != null
                || repoPattern.provider().isPresent() || inv.config().get("providers") != null;
        if (!providerKnown) {
            return Map.of();
        }
        Provider provider = providerOptions.open(inv, repoPattern,
                providerOptions.hostLimits(inv, inv.settings().integer("repos.concurrency", null, null, 8, 1).value()));
        try (StateStore state = inv.openState(true)) {
            return state.bases(ReposSync.syncId(provider, into));
        }
    }

    private static void print(Invocation inv, List<Row> rows) {
        String format = "%-32s %-16s %-10s %7s %7s %-9s %s";
        inv.console().line(String.format(format, "REPO", "BRANCH", "STATE", "AHEAD", "BEHIND", "DIRTY", "LAST SYNC"));
        for (Row r : rows) {
            RepoStatus s = r.status();
            String dirty = s.isDirty() ? s.modified() + "M " + s.untracked() + "?" : "-";
            inv.console().line(String.format(format, r.repo(), s.branch() == null ? "(detached)" : s.branch(),
                    s.summary(), s.upstream() == null ? "-" : String.valueOf(s.ahead()),
                    s.upstream() == null ? "-" : String.valueOf(s.behind()), dirty,
                    r.base() == null ? "never" : r.base().syncedAt().toString()));
        }
        if (rows.isEmpty()) {
            inv.console().line("no clones found");
        }
    }

    private static String json(List<Row> rows) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("kind", "repos");
        ArrayNode items = doc.putArray("repositories");
        for (Row r : rows) {
            RepoStatus s = r.status();
            ObjectNode o = items.addObject();
            o.put("full_path", r.repo());
            o.put("branch", s.branch());
            o.put("head", s.head());
            o.put("state", s.summary());
            o.put("upstream", s.upstream());
            o.put("ahead", s.ahead());
            o.put("behind", s.behind());
            o.put("modified", s.modified());
            o.put("untracked", s.untracked());
            o.put("last_sync", r.base() == null ? null : r.base().syncedAt().toString());
        }
        try {
            return mapper.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
