package dev.converge.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How an action that failed with a transient fault is tried again: up to {@code attempts} tries
 * in all, waiting {@code baseDelay} doubled each time up to {@code maxDelay}, with random jitter so
 * that parallel workers do not retry in lock step. A server's Retry-After wins over the backoff.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay, boolean jitter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), true);
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, false);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.compareTo(baseDelay) < 0) {
            maxDelay = baseDelay;
        }
    }
}
