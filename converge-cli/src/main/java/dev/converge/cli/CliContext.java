package dev.converge.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command needs from the process it runs in, passed in rather than read from globals so that
 * tests run commands in-process with their own streams, environment and working directory.
 *
 * @param terminal whether stderr is an interactive terminal (progress bars, colour, prompts)
 * @param in       where answers to prompts are read from (the terminal's stdin in production)
 * @param clock    the time schedules are stored and fired by; tests pass their own rather than wait for a cron
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory,
                         boolean terminal, InputStream in, Clock clock) {
    /** A context with nothing to read answers from (every prompt meets end of input) and the system clock. */
    public CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory,
                      boolean terminal) {
        this(out, err, environment, workingDirectory, terminal, InputStream.nullInputStream(), Clock.systemDefaultZone());
    }

    /** The same process, running in {@code directory} with its output sent to {@code out} and {@code err}. */
    public CliContext with(PrintStream out, PrintStream err, Path directory) {
        return new CliContext(out, err, environment, directory, false, InputStream.nullInputStream(), clock);
    }

    public Function<String, String> env() {
        return environment::get;
    }

    /** Resolves a path argument against the working directory, as a shell would. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
