package dev.converge.core.report;

import dev.converge.core.model.Outcome;

/** One row of a report: an action on one item and how it ended. */
public record ReportItem(String id, String action, String outcome, long bytes, String message, long durationMs, int attempts) {
    public static ReportItem of(Outcome o) {
        return new ReportItem(o.action().itemId(), o.action().type().label(), o.status().label(),
                o.action().bytes(), o.message(), o.duration().toMillis(), o.attempts());
    }
}
