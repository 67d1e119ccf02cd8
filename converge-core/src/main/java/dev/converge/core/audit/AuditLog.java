package dev.converge.core.audit;

import dev.converge.core.StateStoreException;
import java.util.List;

/** The append-only trail of every action converge took, failures and skips included. */
public interface AuditLog {
    void append(List<AuditEvent> events) throws StateStoreException;

    /** Matching events, newest first. */
    List<AuditEvent> query(AuditQuery query) throws StateStoreException;
}
