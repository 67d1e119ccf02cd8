package dev.converge.remotes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs one task per remote, on virtual threads or one after another, keeping the input order. */
final class Parallel {
    private Parallel() {
    }

    /** Applies {@code task} to each input; the task must not throw (outcomes are values). */
    static <T, R> List<R> map(List<T> inputs, boolean parallel, Function<T, R> task) {
        if (!parallel || inputs.size() < 2) {
            return inputs.stream().map(task).toList();
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(executor.submit(() -> task.apply(input)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for remotes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a remote task failed unexpectedly", e.getCause());
        }
    }
}
