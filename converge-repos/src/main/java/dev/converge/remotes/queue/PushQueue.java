package dev.converge.remotes.queue;

import dev.converge.core.ConvergeException;

import java.util.List;

/**
 * The offline queue: pushes that failed for a transient reason (unreachable, timeout, 5xx),
 * persisted so that the next push, or {@code converge remotes queue retry}, tries them first.
 * One entry per (remote, branch): queuing a pair again replaces its entry.
 */
public interface PushQueue {

    /** The entries, oldest first. */
    List<QueuedPush> list() throws ConvergeException;

    /** Adds the entry, or replaces the one for the same (remote, branch), keeping the first queued time. */
    void put(QueuedPush entry) throws ConvergeException;

    /** Removes the entry for (remote, branch), if any. */
    void remove(String remote, String branch) throws ConvergeException;

    /** Removes every entry; returns how many there were. */
    int clear() throws ConvergeException;

    /** A queue that holds nothing, for {@code offline_queue: false}. */
    PushQueue NONE = new PushQueue() {
        @Override
        public List<QueuedPush> list() {
            return List.of();
        }

        @Override
        public void put(QueuedPush entry) {
        }

        @Override
        public void remove(String remote, String branch) {
        }

        @Override
        public int clear() {
            return 0;
        }
    };
}
