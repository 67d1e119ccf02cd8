package dev.converge.core.pipeline;

import dev.converge.core.model.Base;
import dev.converge.core.model.Outcome.Status;
import java.util.Objects;

/**
 * What an {@link ActionRunner} reports back for one action: how it ended and the base to record.
 *
 * @param status  how it ended (a runner returns FAILED only for a failure it explains itself; faults it throws)
 * @param newBase the base to record for the item, or null to leave the recorded base as it is
 * @param forget  true to remove the item's base (it is gone on both sides now)
 * @param message why, for a skip or conflict
 */
public record Applied(Status status, Base newBase, boolean forget, String message) {
    public Applied {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Applied ok(Base newBase) {
        return new Applied(Status.OK, newBase, false, "");
    }

    public static Applied forgotten() {
        return new Applied(Status.OK, null, true, "");
    }

    public static Applied skipped(String why) {
        return new Applied(Status.SKIPPED, null, false, why);
    }

    public static Applied conflict(String why) {
        return new Applied(Status.CONFLICT, null, false, why);
    }
}
