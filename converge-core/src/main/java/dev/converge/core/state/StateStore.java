package dev.converge.core.state;

import dev.converge.core.StateStoreException;
import dev.converge.core.audit.AuditLog;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Run;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where converge remembers what it synced: the base of every item of every sync, the runs, and
 * the audit trail. SQLite is the embedded default; the interface is what a shared PostgreSQL
 * store implements too.
 */
public interface StateStore extends AutoCloseable {

    /** Streams the bases of one sync in item-id order (code point order), without holding them all. */
    void forEachBase(String syncId, Consumer<Base> sink) throws StateStoreException;

    /** One base as a planner reads it: the item and the two fingerprints, not the time. */
    @FunctionalInterface
    interface FingerprintSink {
        void accept(String itemId, Fingerprint left, Fingerprint right);
    }

    /**
     * {@link #forEachBase} without each base's time, which no planner reads: a column and a
     * timestamp parse less per item, on the path every file of a no-op takes.
     */
    default void forEachFingerprints(String syncId, FingerprintSink sink) throws StateStoreException {
        forEachBase(syncId, b -> sink.accept(b.itemId(), b.left(), b.right()));
    }

    /**
     * Every {@code every}-th item id of one sync's bases in item-id order, the last base excluded:
     * keys that cut the sync's items into runs of about {@code every}, so that a store can list its
     * side in parallel ranges that are even when nothing changed. Empty when the sync has no more
     * than {@code every} bases, or when the store cannot say cheaply (the default).
     */
    default List<String> sampleItemIds(String syncId, int every) throws StateStoreException {
        return List.of();
    }

    /** All bases of one sync, keyed by item id. */
    Map<String, Base> bases(String syncId) throws StateStoreException;

    /** Writes new bases and removes forgotten ones in one transaction. */
    void updateBases(String syncId, Collection<Base> put, Collection<String> forget) throws StateStoreException;

    void beginRun(Run run) throws StateStoreException;

    /**
     * Marks a run finished.
     *
     * @param status      "ok", "failed", "conflicts" or "error"
     * @param summaryJson the report's summary object, for {@code history} without the audit rows
     */
    void finishRun(String runId, Instant finished, String status, String summaryJson) throws StateStoreException;

    AuditLog audit();

    /** Whether this store writes; a dry run uses a read-only store that writes nothing anywhere. */
    boolean isReadOnly();

    @Override
    void close() throws StateStoreException;
}
