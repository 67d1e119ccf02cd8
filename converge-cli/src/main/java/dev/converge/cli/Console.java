package dev.converge.cli;

import dev.converge.core.secret.Redactor;
import java.io.PrintStream;

/**
 * Output for people: stdout for results, stderr for progress and errors, colour only on a terminal
 * and never with NO_COLOR or --no-color, everything passed through the {@link Redactor}.
 */
public final class Console {
    private final CliContext context;
    private final GlobalOptions options;
    private final boolean color;

    public Console(CliContext context, GlobalOptions options) {
        this.context = context;
        this.options = options;
        String noColor = context.environment().get("NO_COLOR");
        this.color = context.terminal() && !options.noColor && (noColor == null || noColor.isEmpty());
    }

    public PrintStream out() {
        return context.out();
    }

    public PrintStream err() {
        return context.err();
    }

    public boolean quiet() {
        return options.quiet;
    }

    public boolean verbose() {
        return options.verbose && !options.quiet;
    }

    public boolean json() {
        return options.json;
    }

    public boolean terminal() {
        return context.terminal();
    }

    /** A result line on stdout, unless --quiet or --json. */
    public void line(String text) {
        if (!options.quiet && !options.json) {
            context.out().println(Redactor.global().redact(text));
        }
    }

    /** Raw text on stdout (a report or a JSON document), redacted. */
    public void print(String text) {
        context.out().print(Redactor.global().redact(text));
        context.out().flush();
    }

    /** A note on stderr, unless --quiet. */
    public void note(String text) {
        if (!options.quiet) {
            context.err().println(Redactor.global().redact(text));
        }
    }

    public void error(String text) {
        context.err().println(paint("converge: " + Redactor.global().redact(text), "31"));
    }

    /** Wraps text in an ANSI colour when colour is on. */
    public String paint(String text, String ansi) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
