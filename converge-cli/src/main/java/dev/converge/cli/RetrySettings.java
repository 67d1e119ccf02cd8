package dev.converge.cli;

import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import dev.converge.core.retry.RetryPolicy;

/** The retry policy from the config's retry section and CONVERGE_RETRY_* variables. */
public final class RetrySettings {
    private RetrySettings() {
    }

    public static RetryPolicy resolve(Settings settings) throws ConvergeException {
        return RetryPolicy.resolve(settings);
    }
}
