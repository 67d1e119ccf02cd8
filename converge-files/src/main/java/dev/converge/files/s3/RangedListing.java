package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import dev.converge.files.TreeScanner;
import dev.converge.files.store.RemoteObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One listing as several at once over disjoint key ranges. ListObjectsV2 pages one after the other
 * by continuation token, so a 10,000-object listing is ten round trips in a row; with
 * {@code start-after}, a range can start anywhere. Given cut keys k1 &lt; … &lt; kn, the ranges are
 * (−∞, k1], (k1, k2], …, (kn, +∞): together the whole prefix, whatever objects exist, so the result
 * is exactly the plain listing's even when the keys came from stale bases. A key equal to a cut
 * belongs to the range that ends there, which is the range whose last request returns it: a no-op's
 * range then stops on the page that ends with its cut, without asking for one more.
 *
 * <p>Ranges run on virtual threads, at most {@code parallelism} at once; each collects its own
 * objects and they reach the sink in range order, on the calling thread, so the sink sees the key
 * order the store lists in. A failed range stops the others at their next page, and the first
 * failure in range order is thrown once all have stopped: no thread outlives the call.
 */
final class RangedListing {

    /** Lists the objects with after &lt; key ≤ through (either bound null: open), stopping early once {@code stop} says so. */
    @FunctionalInterface
    interface Range {
        void list(String after, String through, BooleanSupplier stop, Consumer<RemoteObject> sink) throws ConvergeException;
    }

    private final Range range;
    private final int parallelism;

    RangedListing(Range range, int parallelism) {
        this.range = range;
        this.parallelism = Math.max(1, parallelism);
    }

    void list(List<String> cuts, Consumer<RemoteObject> sink) throws ConvergeException {
        // sorted and distinct as the ranges need them, whatever the caller passed
        TreeSet<String> sorted = new TreeSet<>(TreeScanner.KEY_ORDER);
        sorted.addAll(cuts);
        List<String> keys = new ArrayList<>(sorted);
        if (keys.isEmpty() || parallelism == 1) {
            range.list(null, null, () -> false, sink);
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        Semaphore permits = new Semaphore(parallelism);
        ConvergeException failure = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<RemoteObject>>> parts = new ArrayList<>(keys.size() + 1);
            for (int i = 0; i <= keys.size(); i++) {
                String after = i == 0 ? null : keys.get(i - 1);
                String through = i == keys.size() ? null : keys.get(i);
                parts.add(pool.submit(() -> one(after, through, permits, stop)));
            }
            for (Future<List<RemoteObject>> part : parts) {
                if (failure != null) {
                    break;
                }
                try {
                    part.get().forEach(sink);
                } catch (InterruptedException e) {
                    stop.set(true);
                    Thread.currentThread().interrupt();
                    failure = new ConvergeException("interrupted while listing", e);
                } catch (ExecutionException e) {
                    stop.set(true);
                    failure = unwrap(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<RemoteObject> one(String after, String through, Semaphore permits, AtomicBoolean stop) throws Exception {
        permits.acquire();
        try {
            List<RemoteObject> objects = new ArrayList<>();
            if (!stop.get()) {
                range.list(after, through, stop::get, objects::add);
            }
            return objects;
        } catch (Exception | Error e) {
            stop.set(true);
            throw e;
        } finally {
            permits.release();
        }
    }

    private static ConvergeException unwrap(Throwable cause) {
        if (cause instanceof ConvergeException c) {
            return c;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new ConvergeException("listing failed: " + cause, cause);
    }
}
