package dev.converge.repos.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 */
public record GitBinary(String command, String version, Map<String, String> environment, boolean ownTemplate) {
    /** The oldest version whose config can be set through the environment alone. */
    static final int[] MINIMUM = {2, 31};
    private static final Pattern VERSION = Pattern.compile("git version (\\d+)\\.(\\d+)(\\S*)");
    private static final long PROBE_SECONDS = 10;

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
        return new Probe(Optional.of(new GitBinary(command, version, environment, ownTemplate(command, environment))), "");
    }

    /** Whether the user set a template directory, by environment or in their global or system config. */
    private static boolean ownTemplate(String command, Map<String, String> environment) {
        if (environment.containsKey("GIT_TEMPLATE_DIR")) {
            return true;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command, "config", "--get", "init.templateDir")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .directory(new java.io.File("/")); // outside any repository: only global and system config count
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().remove("GIT_DIR");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return true; // unknown: keep git's own behaviour
            }
            return p.exitValue() != 1; // 1: the key is not set
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
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
