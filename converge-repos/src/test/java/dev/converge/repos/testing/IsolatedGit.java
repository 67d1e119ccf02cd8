package dev.converge.repos.testing;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gives each test its own HOME and git config, for JGit and for the {@code git} CLI alike, so
 * neither the developer's ~/.gitconfig nor the system's can change what a test sees (JGit's own
 * test base classes do the same). Also runs the {@code git} CLI as the independent witness.
 */
public final class IsolatedGit implements BeforeEachCallback, AfterEachCallback {
    private Path home;
    private SystemReader previous;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** Isolates from here on; for runners that do not run JUnit extensions (jqwik). */
    public void start() throws IOException {
        home = Files.createTempDirectory("converge-home-");
        Path gitconfig = home.resolve(".gitconfig");
        Files.writeString(gitconfig, """
                [user]
                \tname = Converge Test
                \temail = test@converge.invalid
                [init]
                \tdefaultBranch = main
                [protocol "file"]
                \tallow = always
                """, StandardCharsets.UTF_8);
        Path empty = home.resolve("empty.config");
        Files.writeString(empty, "");
        previous = SystemReader.getInstance();
        SystemReader.setInstance(new SystemReader.Delegate(previous) {
            @Override
            public String getHostname() {
                // The real lookup can wait on DNS for seconds on a machine without network.
                return "localhost";
            }

            @Override
            public FileBasedConfig openUserConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, gitconfig.toFile(), fs);
            }

            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, empty.toFile(), fs);
            }

            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, empty.toFile(), fs);
            }
        });
    }

    /** Restores the git configuration that was in force before {@link #start()}. */
    public void stop() {
        SystemReader.setInstance(previous);
    }

    /**
     * The environment of this test's {@code git} CLI: its own HOME and config, no system config, and
     * the PATH to find git on. Given to converge's git clones so they see what the witness sees.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    /** Runs the {@code git} CLI in a directory and returns its stdout, failing the test on a non-zero exit. */
    public String git(Path dir, String... args) {
        Result r = tryGit(dir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }

    /** Runs the {@code git} CLI and returns its exit code and combined output, whatever they are. */
    public Result tryGit(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), out.strip());
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What one {@code git} CLI run printed and how it exited. */
    public record Result(int exitCode, String output) {
    }
}
