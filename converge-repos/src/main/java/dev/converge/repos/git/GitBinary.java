package dev.converge.repos.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code git} executable that clones may be handed to, and the environment it runs in. C git
 * clones a repository for a fraction of the CPU JGit spends in-process (init, negotiation, pack
 * indexing, checkout), which is what decides a fleet's clone-all. Only versions from 2.31 on are
 * used: they read config from {@code GIT_CONFIG_COUNT}, the one way to give the child its
 * credential helper without putting anything on its command line.
 *
 * @param command     the executable, a name looked up on PATH or a path
 * @param version     what {@code git --version} said, e.g. {@code 2.39.5}
 * @param environment the environment the user runs converge in, which the child starts from (its
 *                    HOME and git config pick the user's SSH keys, proxies and helpers)
 * @param ownTemplate whether the user chose a template directory ({@code init.templateDir} or
 *                    {@code GIT_TEMPLATE_DIR}); without one, clones skip git's stock template (sample
 *                    hooks, {@code description}, {@code info/exclude}), as JGit's clones always did:
 *                    about a third of the files a small clone creates, and file creation is most of
 *                    what a local clone costs
 * @param ownSshCommand whether the user's git config names an SSH command ({@code core.sshCommand}),
 *                    which converge must then not replace with its own non-prompting one
 * @param ownCloneSettings whether the user's git config sets something a clone's new repository must
 *                    honour beyond what {@link WrittenClone} writes (hooks path, {@code clone.*},
 *                    {@code init.*} other than the default branch, shared permissions, reflog policy,
 *                    {@code submodule.recurse}, which a checkout would follow):
 *                    such clones are left to {@code git clone}
 * @param committer   who the reflog entries of a clone are by ({@code Name <email>}, as {@code git var
 *                    GIT_COMMITTER_IDENT} says without its date), or {@code null} when git cannot tell,
 *                    and then clones are left to {@code git clone}, which has its own fallback
 */
public record GitBinary(String command, String version, Map<String, String> environment, boolean ownTemplate,
                        boolean ownSshCommand, boolean ownCloneSettings, String committer) {
    /** The oldest version whose config can be set through the environment alone. */
    static final int[] MINIMUM = {2, 31};
    private static final Pattern VERSION = Pattern.compile("git version (\\d+)\\.(\\d+)(\\S*)");
    private static final long PROBE_SECONDS = 10;
    private static final String TEMPLATE_DIR = "init.templatedir";
    private static final String SSH_COMMAND = "core.sshcommand";
    /** Keys of the user's config that change what a new clone's repository holds (names as git prints them). */
    private static final Pattern CLONE_SETTING = Pattern.compile(
            "init\\.(?!defaultbranch$).*|clone\\..*|submodule\\.recurse|core\\.(hookspath|logallrefupdates|sharedrepository|bare"
                    + "|worktree|repositoryformatversion)");
    private static final Pattern IDENT_DATE = Pattern.compile(" \\d+ [+-]\\d{4}$");

    public GitBinary {
        Objects.requireNonNull(command, "command");
        environment = Map.copyOf(environment);
    }

    /**
     * Runs {@code command --version} once and answers the binary when it is git 2.31 or newer, else
     * empty with why in {@code problem} (not found, not git, too old).
     */
    public static Probe probe(String command, Map<String, String> environment) {
        String output;
        try {
            ProcessBuilder pb = new ProcessBuilder(command, "--version").redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process p = pb.start();
            p.getOutputStream().close();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Probe(Optional.empty(), "'" + command + " --version' did not answer within " + PROBE_SECONDS + "s");
            }
            if (p.exitValue() != 0) {
                return new Probe(Optional.empty(), "'" + command + " --version' exited " + p.exitValue());
            }
        } catch (IOException e) {
            return new Probe(Optional.empty(), "cannot run '" + command + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Optional.empty(), "interrupted while asking '" + command + "' for its version");
        }
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            return new Probe(Optional.empty(), "'" + command + " --version' does not look like git: " + firstLine(output));
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        String version = major + "." + minor + m.group(3);
        if (major < MINIMUM[0] || major == MINIMUM[0] && minor < MINIMUM[1]) {
            return new Probe(Optional.empty(), "'" + command + "' is git " + version + "; converge needs 2.31 or newer to clone with it");
        }
        Set<String> userKeys = userConfigKeys(command, environment);
        boolean ownTemplate = environment.containsKey("GIT_TEMPLATE_DIR") || userKeys.contains(TEMPLATE_DIR);
        boolean ownCloneSettings = userKeys.stream().anyMatch(k -> CLONE_SETTING.matcher(k).matches());
        return new Probe(Optional.of(new GitBinary(command, version, environment, ownTemplate,
                userKeys.contains(SSH_COMMAND), ownCloneSettings, committer(command, environment))), "");
    }

    /**
     * {@link #probe} of {@code command} deferred to the first call, then remembered: a sync that clones
     * nothing (a no-op, a run of updates) starts no {@code git} just to learn it will not need one.
     * The answer is the binary, or {@code null} when it is not usable (JGit then clones).
     */
    public static Supplier<GitBinary> probeOnFirstUse(String command, Map<String, String> environment) {
        return new Supplier<>() {
            private Optional<GitBinary> probed;

            @Override
            public synchronized GitBinary get() {
                if (probed == null) {
                    probed = probe(command, environment).binary();
                }
                return probed.orElse(null);
            }
        };
    }

    /**
     * Which of the keys converge defers to the user has set in their global or system config, in one
     * {@code git config} run. When that cannot be told, both count as set: git's own behaviour is kept.
     */
    private static Set<String> userConfigKeys(String command, Map<String, String> environment) {
        Set<String> unknown = Set.of(TEMPLATE_DIR, SSH_COMMAND, "clone.unknown");
        try {
            ProcessBuilder pb = new ProcessBuilder(command, "config", "--name-only", "--get-regexp",
                    "^(init\\..*|core\\.sshcommand|clone\\..*|submodule\\.recurse|core\\.(hookspath|logallrefupdates"
                            + "|sharedrepository|bare|worktree|repositoryformatversion))$")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .directory(new java.io.File("/")); // outside any repository: only global and system config count
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().remove("GIT_DIR");
            Process p = pb.start();
            p.getOutputStream().close();
            String names = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return unknown;
            }
            if (p.exitValue() == 1) {
                return Set.of(); // 1: none of the keys is set
            }
            if (p.exitValue() != 0) {
                return unknown;
            }
            // git prints key names lower-cased, one per line.
            return Set.copyOf(names.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            return unknown;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown;
        }
    }

    /**
     * The committer git would put on a clone's reflog entries, from one {@code git var GIT_COMMITTER_IDENT}
     * (environment, user.name/user.email, or git's own guess from the system), without its date; {@code null}
     * when git cannot tell.
     */
    private static String committer(String command, Map<String, String> environment) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command, "var", "GIT_COMMITTER_IDENT")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .directory(new java.io.File("/"));
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().remove("GIT_DIR");
            Process p = pb.start();
            p.getOutputStream().close();
            String ident = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher date = IDENT_DATE.matcher(ident);
            if (p.exitValue() != 0 || !date.find() || ident.contains("\n")) {
                return null;
            }
            return ident.substring(0, date.start());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** What a probe found: the binary, or why there is none usable. */
    public record Probe(Optional<GitBinary> binary, String problem) {
    }
}
