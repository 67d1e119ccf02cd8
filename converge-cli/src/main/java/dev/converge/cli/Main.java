package dev.converge.cli;

import dev.converge.core.ConvergeException;
import dev.converge.core.ExitCode;
import dev.converge.core.retry.Faults;
import dev.converge.core.secret.Redactor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The converge launcher. {@link #run} is what tests call: it takes the streams, environment and
 * working directory and returns the exit code, so no test needs to spawn a JVM.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        CliContext context = new CliContext(out, err, System.getenv(), Path.of("").toAbsolutePath(), terminal, System.in, java.time.Clock.systemDefaultZone());
        System.exit(run(context, args));
    }

    /** Runs one command line in-process; returns the exit code (0, 1, 2 or 3). */
    public static int run(CliContext context, String... args) {
        CommandLine cli = commandLine(context, args);
        return cli.execute(args);
    }

    /** Convenience for tests: plain streams, the given environment, not a terminal. */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, String... args) {
        return run(new CliContext(out, err, env, cwd, false), args);
    }

    /** The whole command tree: for help, completion and tests that walk every command. */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, new String[0]);
    }

    /** The command tree with only the top-level command that {@code args} names, when it names one. */
    static CommandLine commandLine(CliContext context, String[] args) {
        CommandLine cli = new CommandLine(new ConvergeCommand(context));
        Subcommands.register(cli, args);
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConvergeException ce) {
                context.err().println("converge: " + Redactor.global().redact(ce.getMessage()));
                return ce.exitCode().code();
            }
            context.err().println("converge: internal error: " + Redactor.global().redact(Faults.describe(e))
                    + " (" + e.getClass().getName() + ")");
            return ExitCode.ITEM_FAILED.code();
        });
        cli.setParameterExceptionHandler((e, unmatched) -> {
            CommandLine c = e.getCommandLine();
            context.err().println("converge: " + Redactor.global().redact(e.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                context.err().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCode.USAGE.code();
        });
        return cli;
    }
}
