package dev.converge.cli.remotes;

import dev.converge.cli.Console;
import dev.converge.remotes.Confirmation;
import dev.converge.remotes.PushOutcome;
import dev.converge.remotes.PushProgress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A push's progress on stderr, one remote a line: pending, pushing, done or failed. On a terminal
 * the lines are redrawn in place and cleared at the end (the result table follows on stdout); off
 * one, each change is a plain line a log keeps; with {@code --quiet} or {@code --json}, nothing.
 * A question about a forced push is asked between redraws, so the two never write over each other.
 */
final class RemotesProgress implements PushProgress {
    private final PrintStream err;
    private final boolean terminal;
    private final Console console;
    private final Map<String, String> states = new LinkedHashMap<>();
    /** Lines of the block drawn last, to move back over on a terminal. */
    private int drawn;

    private RemotesProgress(Console console) {
        this.console = console;
        this.err = console.err();
        this.terminal = console.terminal();
    }

    /** The display that fits the console: none when quiet or JSON. */
    static PushProgress of(Console console) {
        return console.quiet() || console.json() ? PushProgress.NONE : new RemotesProgress(console);
    }

    @Override
    public synchronized void pending(List<String> remotes) {
        remotes.forEach(r -> states.put(r, "pending"));
        if (terminal) {
            redraw();
        } else if (!remotes.isEmpty()) {
            err.println("remotes: pending " + String.join(", ", remotes));
        }
    }

    @Override
    public synchronized void pushing(String remote) {
        change(remote, "pushing");
    }

    @Override
    public synchronized void finished(String remote, List<PushOutcome> outcomes) {
        boolean failed = outcomes.stream().anyMatch(o -> !o.isSuccessful());
        String counts = outcomes.stream().collect(Collectors.groupingBy(o -> o.status().label(), LinkedHashMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        change(remote, (failed ? "failed" : "done") + (counts.isEmpty() ? "" : " (" + counts + ")"));
        if (terminal && states.values().stream().noneMatch(s -> s.equals("pending") || s.equals("pushing"))) {
            clear();
        }
    }

    /** Asks on the terminal, the progress block put aside while the user reads and answers. */
    Confirmation asking(BufferedReader in) {
        return question -> {
            synchronized (this) {
                clear();
                boolean yes = ask(err, in, question);
                redraw();
                return yes;
            }
        };
    }

    /** Asks a yes/no question; anything but y or yes (end of input included) is no. */
    static boolean ask(PrintStream err, BufferedReader in, String question) {
        err.print(question + " [y/N] ");
        err.flush();
        try {
            String answer = in.readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private void change(String remote, String state) {
        states.put(remote, state);
        if (terminal) {
            redraw();
        } else {
            err.println("remotes: " + remote + " " + state);
        }
    }

    private void redraw() {
        if (!terminal) {
            return;
        }
        StringBuilder block = new StringBuilder();
        if (drawn > 0) {
            block.append("\u001b[").append(drawn).append('F');
        }
        states.forEach((remote, state) -> block.append("\r\u001b[K").append(symbol(state)).append(' ')
                .append(remote).append("  ").append(state).append('\n'));
        err.print(block);
        err.flush();
        drawn = states.size();
    }

    private void clear() {
        if (terminal && drawn > 0) {
            err.print("\u001b[" + drawn + "F\u001b[J");
            err.flush();
            drawn = 0;
        }
    }

    private String symbol(String state) {
        if (state.startsWith("done")) {
            return console.paint("✓", "32");
        }
        if (state.startsWith("failed")) {
            return console.paint("✗", "31");
        }
        return state.equals("pushing") ? console.paint("↑", "33") : "·";
    }
}
