package dev.converge.core.hooks;

import java.time.Duration;

/**
 * How one hook ended.
 *
 * @param exitCode the command's exit status; -1 when it did not start or was killed
 * @param timedOut whether it was killed for running past the timeout
 * @param failure  why it could not start, else null
 */
public record HookResult(HookEvent event, int exitCode, boolean timedOut, String failure, Duration duration) {
    public boolean isSuccessful() {
        return exitCode == 0 && !timedOut && failure == null;
    }

    /** "exited 3", "timed out after 60s and was killed", "could not start: …". */
    public String describe(Duration timeout) {
        if (timedOut) {
            return "timed out after " + dev.converge.core.config.Durations.format(timeout) + " and was killed";
        }
        if (failure != null) {
            return "could not start: " + failure;
        }
        return "exited " + exitCode;
    }
}
