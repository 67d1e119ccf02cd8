package dev.converge.core.report;

import dev.converge.core.model.Outcome;

/**
 * One row of a report: an action on one item and how it ended.
 *
 * @param bytes in a run, the bytes actually transferred (as the audit trail records them: none for a
 *              failed or skipped action); in a dry run, the bytes the action would transfer
 */
public record ReportItem(String id, String action, String outcome, long bytes, String message, long durationMs, int attempts) {
    /** A row of a run that happened. */
    public static ReportItem of(Outcome o) {
        return of(o, false);
    }

    public static ReportItem of(Outcome o, boolean dryRun) {
        return new ReportItem(o.action().itemId(), o.action().type().label(), o.status().label(),
                dryRun ? o.action().bytes() : o.bytesTransferred(), o.message(), o.duration().toMillis(), o.attempts());
    }
}
