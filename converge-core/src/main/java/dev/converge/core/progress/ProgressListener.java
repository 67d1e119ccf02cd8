package dev.converge.core.progress;

import dev.converge.core.model.Action;
import dev.converge.core.model.Outcome;

/**
 * Progress events of an apply stage. Called from worker threads: implementations must be
 * thread-safe and quick (a terminal bar redraws at most a few times a second).
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** Before the first action: how many actions and bytes the plan holds. */
    default void planned(long actions, long bytes) {
    }

    default void started(Action<?> action) {
    }

    /** Bytes of the current actions that have been moved, as they move. */
    default void transferred(long bytes) {
    }

    default void finished(Outcome outcome) {
    }

    /** After the last action. */
    default void done() {
    }
}
