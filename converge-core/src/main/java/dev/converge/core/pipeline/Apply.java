package dev.converge.core.pipeline;

import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Item;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Outcome.Status;
import dev.converge.core.progress.ProgressListener;
import dev.converge.core.retry.Faults;
import dev.converge.core.retry.Retrier;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.secret.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The apply stage: carries out a plan's actions with bounded parallelism on virtual threads,
 * retrying transient faults, and turns every result into an {@link Outcome}. A failed item never
 * stops the others. Single use, as JGit's commands are: configure, then {@link #call}.
 */
public final class Apply<I extends Item> {
    private final ActionRunner<I> runner;
    private int concurrency = 8;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private ProgressListener progress = ProgressListener.NONE;
    private Recorder recorder = Recorder.NONE;
    private Redactor redactor = Redactor.global();
    private boolean called;

    public Apply(ActionRunner<I> runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public Apply<I> setConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        return this;
    }

    public Apply<I> setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy);
        return this;
    }

    public Apply<I> setProgress(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }

    public Apply<I> setRecorder(Recorder recorder) {
        this.recorder = Objects.requireNonNull(recorder);
        return this;
    }

    public Apply<I> setRedactor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor);
        return this;
    }

    /** Applies every action and returns their outcomes in the order given. */
    public ApplyResult call(List<Action<I>> actions) {
        if (called) {
            throw new IllegalStateException("Apply is single use");
        }
        called = true;
        Outcome[] outcomes = new Outcome[actions.size()];
        AtomicInteger next = new AtomicInteger();
        Retrier retrier = new Retrier(retryPolicy);
        List<Thread> workers = new ArrayList<>();
        int threads = Math.min(concurrency, Math.max(1, actions.size()));
        for (int w = 0; w < threads; w++) {
            workers.add(Thread.ofVirtual().name("converge-apply-", w).start(() -> {
                for (int i = next.getAndIncrement(); i < actions.size(); i = next.getAndIncrement()) {
                    outcomes[i] = applyOne(actions.get(i), retrier);
                }
            }));
        }
        for (Thread t : workers) {
            joinUninterruptibly(t);
        }
        recorder.flush();
        progress.done();
        return new ApplyResult(Arrays.asList(outcomes));
    }

    private Outcome applyOne(Action<I> action, Retrier retrier) {
        Instant started = Instant.now();
        progress.started(action);
        Outcome outcome;
        Applied applied = null;
        if (action.type() == ActionType.SKIP) {
            // A conflict left alone is planned as a skip; it is still reported as the conflict it is.
            Status status = action.change().isConflict() ? Status.CONFLICT : Status.SKIPPED;
            outcome = Outcome.of(action, status, action.reason(), started, 0);
        } else {
            try {
                Retrier.Attempted<Applied> result = retrier.call(() -> runner.apply(action));
                applied = result.value();
                outcome = Outcome.of(action, applied.status(), redactor.redact(applied.message()), started, result.attempts());
            } catch (Retrier.AttemptsExhausted e) {
                String why = redactor.redact(Faults.describe(e.last()));
                String tries = e.attempts() > 1 ? " (after " + e.attempts() + " attempts)" : "";
                outcome = Outcome.of(action, Status.FAILED, why + tries, started, e.attempts());
            } catch (Exception e) {
                outcome = Outcome.of(action, Status.FAILED, redactor.redact(Faults.describe(e)), started, 1);
            }
        }
        recorder.record(outcome, outcome.isSuccessful() || outcome.status() == Status.SKIPPED ? applied : null);
        progress.finished(outcome);
        return outcome;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
