package dev.converge.core.state;

import dev.converge.core.audit.AuditEvent;
import dev.converge.core.audit.AuditLog;
import dev.converge.core.audit.AuditQuery;
import dev.converge.core.model.Base;
import dev.converge.core.model.Run;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The read-only view of a state file that does not exist yet: no bases, no history. */
final class EmptyStateStore implements StateStore {
    private static final AuditLog NO_AUDIT = new AuditLog() {
        @Override
        public void append(List<AuditEvent> events) {
            throw new IllegalStateException("read-only state store");
        }

        @Override
        public List<AuditEvent> query(AuditQuery query) {
            return List.of();
        }
    };

    @Override
    public void forEachBase(String syncId, Consumer<Base> sink) {
    }

    @Override
    public Map<String, Base> bases(String syncId) {
        return Map.of();
    }

    @Override
    public void updateBases(String syncId, Collection<Base> put, Collection<String> forget) {
        throw new IllegalStateException("read-only state store");
    }

    @Override
    public void beginRun(Run run) {
        throw new IllegalStateException("read-only state store");
    }

    @Override
    public void finishRun(String runId, Instant finished, String status, String summaryJson) {
        throw new IllegalStateException("read-only state store");
    }

    @Override
    public AuditLog audit() {
        return NO_AUDIT;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public void close() {
    }
}
