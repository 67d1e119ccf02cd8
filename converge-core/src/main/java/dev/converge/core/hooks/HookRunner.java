package dev.converge.core.hooks;

import dev.converge.core.secret.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one hook command: {@code /bin/sh -c COMMAND} in a given directory with a given environment,
 * the payload on stdin, its stdout and stderr merged and passed line by line (redacted) to a sink,
 * never to the caller's stdout, so a {@code --json} document stays clean. A hook still running at the
 * timeout is killed with everything it started.
 */
public final class HookRunner {
    /** How long to wait for a killed hook's output to drain; a grandchild may hold the pipe open. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Path directory;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Consumer<String> output;

    /**
     * @param directory   the working directory of every hook
     * @param environment the whole environment of the hook (nothing else is inherited)
     * @param timeout     how long a hook may run
     * @param output      receives each line the hook prints
     */
    public HookRunner(Path directory, Map<String, String> environment, Duration timeout, Consumer<String> output) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.environment = Map.copyOf(environment);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.output = Objects.requireNonNull(output, "output");
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code command} with {@code stdin} as its input and {@code extraEnv} added to the
     * environment; returns how it ended. Never throws for the hook's own failures.
     */
    public HookResult run(HookEvent event, String command, byte[] stdin, Map<String, String> extraEnv) {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new HookResult(event, -1, false, e.getMessage(), elapsed(start));
        }
        Thread writer = Thread.ofVirtual().name("hook-stdin").start(() -> feed(process, stdin));
        String prefix = "hook " + event.key() + ": ";
        Thread reader = Thread.ofVirtual().name("hook-output").start(() -> drain(process, prefix));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                reader.join(DRAIN);
                return new HookResult(event, -1, true, null, elapsed(start));
            }
            reader.join(DRAIN);
            writer.join(DRAIN);
            return new HookResult(event, process.exitValue(), false, null, elapsed(start));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new HookResult(event, -1, false, "interrupted", elapsed(start));
        }
    }

    /** Writes the payload; a hook that does not read its input closes the pipe, which is its right. */
    private static void feed(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException ignored) {
            // Broken pipe: the hook exited or closed stdin without reading it all.
        }
    }

    private void drain(Process process, String prefix) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.accept(Redactor.global().redact(prefix + line));
            }
        } catch (IOException ignored) {
            // The stream closes under us when a timed-out hook is killed.
        }
    }

    /** Kills the hook and whatever it started, children first so none is left holding our pipes. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
