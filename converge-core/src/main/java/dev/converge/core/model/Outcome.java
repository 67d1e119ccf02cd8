package dev.converge.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened when one action was applied. A value, not an exception: one failed item never
 * stops the others, and the run's exit code is computed from all outcomes at the end.
 *
 * @param action   the action
 * @param status   how it ended
 * @param message  why, for failures, skips and conflicts (already free of secrets)
 * @param finished when it ended
 * @param duration how long it took, retries included
 * @param attempts how many times it was tried
 */
public record Outcome(Action<?> action, Status status, String message, Instant finished, Duration duration, int attempts) {

    /** How an action ended, as reports and the JSON document name it. */
    public enum Status {
        OK, FAILED, SKIPPED, CONFLICT;

        public boolean isSuccessful() {
            return this == OK;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Outcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(duration, "duration");
    }

    public static Outcome ok(Action<?> action, Instant started, int attempts) {
        Instant now = Instant.now();
        return new Outcome(action, Status.OK, "", now, Duration.between(started, now), attempts);
    }

    public static Outcome of(Action<?> action, Status status, String message, Instant started, int attempts) {
        Instant now = Instant.now();
        return new Outcome(action, status, message, now, Duration.between(started, now), attempts);
    }

    public boolean isSuccessful() {
        return status.isSuccessful();
    }

    /**
     * The bytes this action actually moved: all of the action's when it succeeded, none when it
     * failed (a failed upload's partial transfer was discarded) or was skipped. Reports and the
     * audit trail both count this, so they agree.
     */
    public long bytesTransferred() {
        return isSuccessful() ? action.bytes() : 0;
    }
}
