package dev.converge.core.audit;

import java.time.Instant;

/**
 * A filter over the audit trail; null fields do not filter.
 *
 * @param item an item id, or a prefix of one ending in '/' (a directory, an organisation)
 */
public record AuditQuery(String kind, Instant since, String item, String runId, int limit) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, 0);
    }
}
