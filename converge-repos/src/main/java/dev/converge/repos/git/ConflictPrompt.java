package dev.converge.repos.git;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The person at the terminal, as {@code --conflict-strategy interactive} talks to them: it shows
 * conflicting hunks, asks what to take, and opens a file in their editor. The CLI feeds it from
 * its console; a merge only ever sees this interface, so tests drive real merges with scripted
 * answers. One prompt serves a whole run: callers hold its monitor while they talk to it, so the
 * questions about two repositories merged in parallel never interleave.
 */
public interface ConflictPrompt {

    /** Shows text (hunks, explanations) to the person deciding. */
    void show(String text);

    /**
     * Asks a question and returns the answer as typed, or {@code null} when no more answers can
     * come (end of input), which callers treat as "skip".
     */
    String ask(String question);

    /** Opens the file in the user's editor and returns once the editor has exited. */
    void edit(Path file) throws IOException;
}
