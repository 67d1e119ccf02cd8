package dev.converge.cli;

import dev.converge.core.model.Outcome;
import dev.converge.core.progress.ProgressListener;
import dev.converge.core.report.Sizes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: a bar redrawn in place on a terminal (items and bytes done of total, rate,
 * ETA), a plain line every few seconds when stderr is a file or pipe, nothing with --quiet or --json.
 */
public final class TerminalProgress implements ProgressListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long PLAIN_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final boolean verbose;
    private final long startNanos = System.nanoTime();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long totalItems;
    private volatile long totalBytes;
    private long lastDraw = startNanos;
    private boolean drawn;

    private TerminalProgress(PrintStream err, boolean terminal, boolean verbose) {
        this.err = err;
        this.terminal = terminal;
        this.verbose = verbose;
    }

    /** The listener that fits the console: none when quiet or JSON. */
    public static ProgressListener of(Console console) {
        if (console.quiet() || console.json()) {
            return ProgressListener.NONE;
        }
        return new TerminalProgress(console.err(), console.terminal(), console.verbose());
    }

    @Override
    public void planned(long actions, long bytes) {
        this.totalItems = actions;
        this.totalBytes = bytes;
    }

    @Override
    public void transferred(long n) {
        bytes.addAndGet(n);
    }

    @Override
    public synchronized void finished(Outcome outcome) {
        items.incrementAndGet();
        if (verbose) {
            clearBar();
            err.println(outcome.status().label() + " " + outcome.action().type().label() + " " + outcome.action().itemId()
                    + (outcome.message().isEmpty() ? "" : ": " + outcome.message()));
        }
        long now = System.nanoTime();
        if (now - lastDraw >= (terminal ? REDRAW_NANOS : PLAIN_NANOS)) {
            lastDraw = now;
            draw(now);
        }
    }

    @Override
    public synchronized void done() {
        if (terminal && drawn) {
            draw(System.nanoTime());
            err.println();
            drawn = false;
        }
    }

    private void draw(long now) {
        double seconds = Math.max(0.001, (now - startNanos) / 1e9);
        long done = bytes.get();
        double rate = done / seconds;
        String eta = rate > 0 && totalBytes > done ? Sizes.duration(Duration.ofMillis((long) ((totalBytes - done) / rate * 1000))) : "-";
        String line = String.format(Locale.ROOT, "%d/%d items, %s/%s, %s/s, ETA %s", items.get(), totalItems,
                Sizes.bytes(done), Sizes.bytes(totalBytes), Sizes.bytes((long) rate), eta);
        if (terminal) {
            int width = 24;
            int filled = totalItems == 0 ? width : (int) Math.min(width, items.get() * width / totalItems);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line + "\u001b[K");
            err.flush();
            drawn = true;
        } else {
            err.println("progress: " + line);
        }
    }

    private void clearBar() {
        if (terminal && drawn) {
            err.print("\r\u001b[K");
            drawn = false;
        }
    }
}
