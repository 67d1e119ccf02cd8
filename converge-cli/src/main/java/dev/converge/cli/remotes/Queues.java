package dev.converge.cli.remotes;

import dev.converge.core.state.SqliteStateStore;
import dev.converge.core.state.StateStore;
import dev.converge.remotes.queue.PushQueue;
import dev.converge.remotes.queue.StatePushQueue;

/** The offline queue of a repository, in whatever state store the invocation opened. */
final class Queues {
    private Queues() {
    }

    /** The queue in the state file; none when the state file does not exist yet (a dry run's empty store). */
    static PushQueue of(StateStore state, String syncId) {
        return state instanceof SqliteStateStore sqlite ? new StatePushQueue(sqlite, syncId) : PushQueue.NONE;
    }
}
