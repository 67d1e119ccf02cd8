package dev.converge.cli.repos;

import dev.converge.cli.CliContext;
import dev.converge.core.secret.Redactor;
import dev.converge.repos.git.ConflictPrompt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The interactive conflict strategy's questions on the terminal: hunks and questions on stderr
 * (stdout stays for results), answers read from the context's input, and files opened in
 * {@code $VISUAL} or {@code $EDITOR} (else {@code vi}) run through {@code sh} as Git runs its
 * editor, so an editor given with arguments ({@code code --wait}) works.
 */
final class ConsolePrompt implements ConflictPrompt {
    private final CliContext context;
    private final BufferedReader answers;

    ConsolePrompt(CliContext context) {
        this.context = context;
        this.answers = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
    }

    @Override
    public void show(String text) {
        PrintStream err = context.err();
        err.print(Redactor.global().redact(text));
        err.flush();
    }

    @Override
    public String ask(String question) {
        show(question);
        try {
            return answers.readLine();
        } catch (IOException e) {
            return null; // nobody left to answer: the caller skips
        }
    }

    @Override
    public void edit(Path file) throws IOException {
        String editor = firstSet("VISUAL", "EDITOR");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString())
                .directory(context.workingDirectory().toFile()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(context.environment());
        try {
            int exit = pb.start().waitFor();
            if (exit != 0) {
                show("the editor exited " + exit + "\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the editor", e);
        }
    }

    private String firstSet(String... names) {
        for (String name : names) {
            String value = context.environment().get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "vi";
    }
}
