package dev.converge.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

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
        return run(cwd, env, false, "", Clock.systemDefaultZone(), args);
    }

    /** With a clock of the test's choosing, for schedules. */
    static CliRun run(Path cwd, Map<String, String> env, Clock clock, String... args) {
        return run(cwd, env, false, "", clock, args);
    }

    /**
     * Runs as if on a terminal whose user types {@code answers} (one answer a line) at the prompts.
     */
    static CliRun onTerminal(Path cwd, Map<String, String> env, String answers, String... args) {
        return run(cwd, env, true, answers, Clock.systemDefaultZone(), args);
    }

    private static CliRun run(Path cwd, Map<String, String> env, boolean terminal, String answers, Clock clock,
                              String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
