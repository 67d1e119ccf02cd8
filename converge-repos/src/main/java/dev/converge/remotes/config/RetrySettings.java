package dev.converge.remotes.config;

import java.time.Duration;

/**
 * How often and how patiently a remote is retried after a transient fault (unreachable,
 * timeout, 5xx): exponential backoff from {@code baseDelay} up to {@code maxDelay}.
 *
 * @param attempts  tries in all, at least 1
 * @param baseDelay the first wait
 * @param maxDelay  the longest wait
 * @param jitter    whether waits are spread randomly so parallel pushes do not retry in step
 */
public record RetrySettings(int attempts, Duration baseDelay, Duration maxDelay, boolean jitter) {
    /** The defaults: 4 attempts, 1 s doubling up to 30 s, with jitter. */
    public static final RetrySettings DEFAULT = new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(30), true);

    /** One attempt, no waiting: what tests and {@code health} use. */
    public static final RetrySettings NONE = new RetrySettings(1, Duration.ZERO, Duration.ZERO, false);

    public RetrySettings {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            maxDelay = baseDelay;
        }
    }

    /** A copy with another number of attempts. */
    public RetrySettings withAttempts(int attempts) {
        return new RetrySettings(attempts, baseDelay, maxDelay, jitter);
    }
}
