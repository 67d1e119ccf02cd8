package dev.converge.core.state;

import dev.converge.core.StateStoreException;
import dev.converge.core.audit.AuditEvent;
import dev.converge.core.model.Base;
import dev.converge.core.model.Run;
import dev.converge.core.model.Outcome;
import dev.converge.core.pipeline.Applied;
import dev.converge.core.pipeline.Recorder;
import java.util.ArrayList;
import java.util.List;

/**
 * Records outcomes into a {@link StateStore} as they arrive, in small transactions: a new base for
 * every item that succeeded and an audit event for every action. Batching keeps a 100,000-item run
 * from paying one commit per item; the batch bound keeps a crash from losing more than a moment's work.
 */
public final class StateRecorder implements Recorder {
    private static final int BATCH = 500;
    private static final long MAX_DELAY_NANOS = 1_000_000_000L;

    private final StateStore store;
    private final Run run;
    private final List<Base> put = new ArrayList<>();
    private final List<String> forget = new ArrayList<>();
    private final List<AuditEvent> events = new ArrayList<>();
    private long lastFlush = System.nanoTime();
    private StateStoreException failure;

    public StateRecorder(StateStore store, Run run) {
        this.store = store;
        this.run = run;
    }

    @Override
    public synchronized void record(Outcome outcome, Applied applied) {
        events.add(AuditEvent.of(run, outcome));
        if (applied != null && outcome.isSuccessful()) {
            if (applied.forget()) {
                forget.add(outcome.action().itemId());
            } else if (applied.newBase() != null) {
                put.add(applied.newBase());
            }
        }
        if (events.size() >= BATCH || System.nanoTime() - lastFlush > MAX_DELAY_NANOS) {
            flush();
        }
    }

    /** Records a base that changed without an action (a file touched but not modified). */
    public synchronized void rebase(Base base) {
        put.add(base);
    }

    @Override
    public synchronized void flush() {
        try {
            store.updateBases(run.syncId(), put, forget);
            store.audit().append(events);
        } catch (StateStoreException e) {
            if (failure == null) {
                failure = e;
            }
        }
        put.clear();
        forget.clear();
        events.clear();
        lastFlush = System.nanoTime();
    }

    /** The first write failure, if any: the run must report it, since its bases were not kept. */
    public synchronized StateStoreException failure() {
        return failure;
    }
}
