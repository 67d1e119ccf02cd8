package dev.converge.core.audit;

import dev.converge.core.model.Outcome;
import dev.converge.core.model.Run;
import java.time.Duration;
import java.time.Instant;

/** One line of the audit trail: one action of one run and how it ended. */
public record AuditEvent(String runId, String kind, String syncId, String itemId, String action, String outcome,
                         long bytes, String message, Instant at, Duration duration) {

    public static AuditEvent of(Run run, Outcome o) {
        long bytes = o.bytesTransferred();
        return new AuditEvent(run.id(), run.kind(), run.syncId(), o.action().itemId(), o.action().type().label(),
                o.status().label(), bytes, o.message(), o.finished(), o.duration());
    }
}
