package dev.converge.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Runs converge in-process with its own streams, environment and working directory. */
final class CliRun {
    final int exit;
    final String out;
    final String err;

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Path cwd, Map<String, String> env, String... args) {
        return run(cwd, env, false, "", Clock.systemDefaultZone(), line -> { }, args);
    }

    /** With a clock of the test's choosing, for schedules. */
    static CliRun run(Path cwd, Map<String, String> env, Clock clock, String... args) {
        return run(cwd, env, false, "", clock, line -> { }, args);
    }

    /**
     * With a clock of the test's choosing, handing each line to {@code onOutLine} as converge writes it
     * to stdout: how a test waits for a long-running command (the daemon) to have done something.
     */
    static CliRun run(Path cwd, Map<String, String> env, Clock clock, Consumer<String> onOutLine, String... args) {
        return run(cwd, env, false, "", clock, onOutLine, args);
    }

    /**
     * Runs as if on a terminal whose user types {@code answers} (one answer a line) at the prompts.
     */
    static CliRun onTerminal(Path cwd, Map<String, String> env, String answers, String... args) {
        return run(cwd, env, true, answers, Clock.systemDefaultZone(), line -> { }, args);
    }

    private static CliRun run(Path cwd, Map<String, String> env, boolean terminal, String answers, Clock clock,
                              Consumer<String> onOutLine, String... args) {
        LineWatchingStream out = new LineWatchingStream(onOutLine);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        // Isolate from the developer's own config and state.
        environment.putIfAbsent("HOME", cwd.toString());
        environment.putIfAbsent("XDG_CONFIG_HOME", cwd.resolve(".config").toString());
        environment.putIfAbsent("XDG_STATE_HOME", cwd.resolve(".state").toString());
        environment.putIfAbsent("NO_COLOR", "1");
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, cwd, terminal,
                new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), clock);
        int exit = Main.run(context, args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Keeps all that is written, and hands each finished line to a watcher as it arrives. */
    private static final class LineWatchingStream extends ByteArrayOutputStream {
        private final Consumer<String> onLine;
        private int lineStart;

        LineWatchingStream(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            for (int i = count - len; i < count; i++) {
                if (buf[i] == '\n') {
                    onLine.accept(new String(buf, lineStart, i - lineStart, StandardCharsets.UTF_8));
                    lineStart = i + 1;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
