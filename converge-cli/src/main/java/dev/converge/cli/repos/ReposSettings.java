package dev.converge.cli.repos;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.git.GitBinary;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code repos:} and {@code providers:} sections of the config file: which keys they take,
 * checked before a repos command does anything (an unknown key names its file:line:col and the
 * closest known key), and every repos setting resolved so that {@code config show} lists it.
 */
public final class ReposSettings {
    /** Keys of the {@code repos:} section. */
    static final Set<String> REPOS_KEYS = Set.of("into", "conflict_strategy", "concurrency", "host_concurrency", "git");
    /** Keys of one entry under {@code providers:}. */
    static final Set<String> PROVIDER_KEYS = Set.of("type", "url", "token", "root", "ssh", "username");
    static final Set<String> PROVIDER_TYPES = Set.of("local", "github", "gitlab", "azure-devops", "bitbucket");

    private ReposSettings() {
    }

    /** Checks both sections' keys and each provider's type, naming where a mistake is. */
    public static void checkConfig(Invocation inv) throws ConvergeException {
        ConfigNode root = inv.config();
        ConfigNode repos = root.get("repos");
        if (repos != null) {
            repos.requireKeys(REPOS_KEYS);
        }
        ConfigNode providers = root.get("providers");
        if (providers == null || providers.raw() == null && !providers.isMap()) {
            return;
        }
        if (!providers.isMap()) {
            throw providers.error("expected a mapping of provider names to their settings");
        }
        for (Map.Entry<String, ConfigNode> e : providers.fields().entrySet()) {
            ConfigNode node = e.getValue();
            if (!node.isMap()) {
                throw node.error("a provider is a mapping with a 'type'");
            }
            node.requireKeys(PROVIDER_KEYS);
            ConfigNode type = node.get("type");
            if (type == null || type.raw() == null) {
                throw node.error("provider '" + e.getKey() + "' has no 'type' (local, github, gitlab, azure-devops, bitbucket)");
            }
            if (!PROVIDER_TYPES.contains(type.text(inv.context().env()))) {
                throw type.error("unknown provider type '" + type.text(inv.context().env())
                        + "'; choose local, github, gitlab, azure-devops or bitbucket");
            }
        }
    }

    /**
     * The conflict strategy from {@code --conflict-strategy}, else the config, else skip; a bad
     * value in the config is reported at its place in the file.
     */
    static ConflictStrategy strategy(Invocation inv, String flagValue) throws ConvergeException {
        Setting<String> s = inv.settings().string("repos.conflict_strategy", "--conflict-strategy", flagValue, "skip", false);
        try {
            return ConflictStrategy.parse(s.value());
        } catch (UsageException e) {
            ConfigNode node = inv.config().at("repos.conflict_strategy");
            if (flagValue == null && node != null && s.origin().equals(node.location())) {
                throw node.error(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Who makes clones, from {@code --git}, else {@code repos.git}, else {@code auto}: {@code auto} takes
     * the {@code git} on PATH when it is 2.31 or newer and JGit otherwise, {@code jgit} always JGit, and
     * anything else is the path of a git binary, which must then be usable (checked now, so a bad path
     * is a usage error before anything runs). The answer is {@code null} for JGit; {@code auto} probes
     * only when a clone first needs it.
     */
    static Supplier<GitBinary> gitBinary(Invocation inv, String flagValue) throws ConvergeException {
        Setting<String> s = inv.settings().string("repos.git", "--git", flagValue, "auto", false);
        String value = s.value().strip();
        Map<String, String> env = inv.context().environment();
        if (value.equals("jgit")) {
            return () -> null;
        }
        if (value.equals("auto")) {
            return GitBinary.probeOnFirstUse("git", env);
        }
        String command = value.contains("/") ? inv.context().resolve(value).toString() : value;
        GitBinary.Probe probe = GitBinary.probe(command, env);
        if (probe.binary().isPresent()) {
            GitBinary binary = probe.binary().get();
            return () -> binary;
        }
        String message = "repos.git: " + probe.problem() + " (use auto, jgit or the path of git 2.31 or newer)";
        ConfigNode node = inv.config().at("repos.git");
        if (flagValue == null && node != null && s.origin().equals(node.location())) {
            throw node.error(message);
        }
        throw new UsageException((flagValue != null ? "--git: " : "") + message);
    }

    /** Resolves every repos setting with its origin, for {@code config show}. */
    public static void resolveAll(Invocation inv) throws ConvergeException {
        checkConfig(inv);
        Settings s = inv.settings();
        s.string("repos.into", null, null, ".", false);
        strategy(inv, null);
        int concurrency = s.integer("repos.concurrency", null, null, 8, 1).value();
        s.integer("repos.host_concurrency", null, null, concurrency, 1);
        s.string("repos.git", null, null, "auto", false);
    }

}
