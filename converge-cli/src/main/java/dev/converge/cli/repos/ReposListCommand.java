package dev.converge.cli.repos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.repos.RepoSelection;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.DiscoveryFault;
import dev.converge.repos.provider.HostedRepo;
import dev.converge.repos.provider.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge repos list PATTERN}: discovery only, one full path per line. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the repositories a provider has that match PATTERN, one full path per line.",
        footer = {"", "Examples:", "  converge repos list 'myorg/*' --provider work",
                "  converge repos list '**' --provider local --root /srv/git --json"})
public final class ReposListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", defaultValue = "**", description = "Glob over full paths (default: everything).")
    String pattern;

    @Mixin
    ProviderOptions providerOptions;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        ReposSettings.checkConfig(inv);
        RepoPattern repoPattern = RepoPattern.parse(pattern);
        Provider provider = providerOptions.open(inv, repoPattern,
                providerOptions.hostLimits(inv, inv.settings().integer("repos.concurrency", null, null, 8, 1).value()));
        RepoSelection selection = providerOptions.selection();
        List<HostedRepo> repos = new ArrayList<>();
        try (Stream<HostedRepo> listed = provider.discover(repoPattern)) {
            listed.filter(selection::accepts).forEach(repos::add);
        } catch (DiscoveryFault e) {
            throw e.fault();
        }
        if (inv.console().json()) {
            inv.console().print(json(repos));
        } else {
            for (HostedRepo r : repos) {
                String flags = (r.archived() ? " (archived)" : "") + (r.disabled() ? " (disabled)" : "") + (r.fork() ? " (fork)" : "");
                inv.console().line(r.fullPath() + flags);
            }
        }
        return 0;
    }

    private static String json(List<HostedRepo> repos) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("kind", "repos");
        ArrayNode items = doc.putArray("repositories");
        for (HostedRepo r : repos) {
            ObjectNode o = items.addObject();
            o.put("full_path", r.fullPath());
            o.put("clone_url", r.cloneUrl().toString());
            o.put("default_branch", r.defaultBranch());
            o.put("archived", r.archived());
            o.put("fork", r.fork());
            o.put("disabled", r.disabled());
            o.put("pushed_at", r.pushedAt() == null ? null : r.pushedAt().toString());
        }
        try {
            return mapper.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
