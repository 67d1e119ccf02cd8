package dev.converge.core.retry;

import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

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

    /** The policy from the config's {@code retry} section and {@code CONVERGE_RETRY_*}, each key remembered with its origin. */
    public static RetryPolicy resolve(Settings settings) throws ConvergeException {
        if (settings.root().get("retry") != null) {
            settings.root().get("retry").requireKeys(Set.of("attempts", "base_delay", "max_delay", "jitter"));
        }
        RetryPolicy d = DEFAULT;
        int attempts = settings.integer("retry.attempts", null, null, d.attempts(), 1).value();
        Duration base = settings.duration("retry.base_delay", null, null, d.baseDelay()).value();
        Duration max = settings.duration("retry.max_delay", null, null, d.maxDelay()).value();
        boolean jitter = settings.bool("retry.jitter", null, null, d.jitter()).value();
        return new RetryPolicy(attempts, base, max, jitter);
    }
}
