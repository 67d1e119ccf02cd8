package dev.converge.remotes;

import dev.converge.remotes.config.RetrySettings;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The wait before each retry: exponential from the base delay, capped, optionally with full jitter. */
final class Backoff {
    private Backoff() {
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
    static Duration delay(RetrySettings retry, int attempt) {
        long base = retry.baseDelay().toMillis();
        long capped = Math.min(retry.maxDelay().toMillis(), base << Math.min(attempt - 1, 20));
        if (retry.jitter() && capped > 0) {
            // Full jitter: parallel pushes that failed together do not come back together.
            capped = ThreadLocalRandom.current().nextLong(capped / 2, capped + 1);
        }
        return Duration.ofMillis(capped);
    }

    /** Waits, keeping the interrupt for the caller to see. */
    static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
