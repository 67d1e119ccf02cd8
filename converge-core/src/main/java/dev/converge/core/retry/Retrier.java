package dev.converge.core.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.function.CheckedSupplier;
import dev.converge.core.RemoteException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one operation under a {@link RetryPolicy}, retrying only transient faults. */
public final class Retrier {
    private final dev.failsafe.RetryPolicy<Object> policy;

    public Retrier(RetryPolicy p) {
        var builder = dev.failsafe.RetryPolicy.builder()
                .handleIf(Faults::isTransient)
                .withMaxAttempts(p.attempts());
        if (p.attempts() > 1 && !p.baseDelay().isZero()) {
            long base = p.baseDelay().toMillis();
            long max = p.maxDelay().toMillis();
            // Failsafe refuses a backoff whose ceiling is not above its start; RetryPolicy allows (and itself
            // produces) maxDelay == baseDelay, which simply means a constant delay.
            if (max > base) {
                builder.withBackoff(base, max, ChronoUnit.MILLIS);
            } else {
                builder.withDelay(p.baseDelay());
            }
            if (p.jitter()) {
                builder.withJitter(0.25);
            }
        }
        if (p.attempts() > 1) {
            // A server's Retry-After wins over our backoff, capped by the policy's longest delay so
            // one answer cannot stall a run; a negative duration tells Failsafe to use the backoff.
            builder.withDelayFnOn(ctx -> ((RemoteException) ctx.getLastException()).retryAfter()
                    .map(d -> d.compareTo(p.maxDelay()) > 0 ? p.maxDelay() : d)
                    .orElse(Duration.ofMillis(-1)), RemoteException.class);
        }
        this.policy = builder.build();
    }

    /** The value and how many attempts it took. */
    public record Attempted<T>(T value, int attempts) {
    }

    /**
     * Runs {@code operation}; on the last failure rethrows the operation's own exception
     * (not a wrapper), so callers report the real fault.
     */
    public <T> Attempted<T> call(CheckedSupplier<T> operation) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try {
            T value = Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                return operation.get();
            });
            return new Attempted<>(value, attempts.get());
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw new AttemptsExhausted(ex, attempts.get());
            }
            throw e;
        } catch (RuntimeException e) {
            throw new AttemptsExhausted(e, attempts.get());
        }
    }

    /** The fault of the last attempt, with the count of attempts made. */
    public static final class AttemptsExhausted extends Exception {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        AttemptsExhausted(Exception last, int attempts) {
            super(last.getMessage(), last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }

        public Exception last() {
            return (Exception) getCause();
        }
    }
}
