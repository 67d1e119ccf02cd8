package dev.converge.cli;

import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import dev.converge.core.retry.RetryPolicy;
import java.time.Duration;

/** The retry policy from the config's retry section and CONVERGE_RETRY_* variables. */
public final class RetrySettings {
    private RetrySettings() {
    }

    public static RetryPolicy resolve(Settings settings) throws ConvergeException {
        if (settings.root().get("retry") != null) {
            settings.root().get("retry").requireKeys(java.util.Set.of("attempts", "base_delay", "max_delay", "jitter"));
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        int attempts = settings.integer("retry.attempts", null, null, d.attempts(), 1).value();
        Duration base = settings.duration("retry.base_delay", null, null, d.baseDelay()).value();
        Duration max = settings.duration("retry.max_delay", null, null, d.maxDelay()).value();
        boolean jitter = settings.bool("retry.jitter", null, null, d.jitter()).value();
        return new RetryPolicy(attempts, base, max, jitter);
    }
}
