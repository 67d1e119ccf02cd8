package dev.converge.remotes;

import java.util.List;

/**
 * Where each remote of a push stands, for a display: pending, pushing, then done with its outcomes.
 * The engine's {@code ProgressListener} counts actions and bytes of one plan; a remotes push is a
 * handful of remotes whose state a user watches one by one, so it reports per remote instead.
 * Called from the remotes' own threads: implementations must be thread-safe and quick.
 */
public interface PushProgress {
    /** Reports nothing. */
    PushProgress NONE = new PushProgress() {
    };

    /** Before anything is sent: the remotes that will be pushed to, in the order they were listed. */
    default void pending(List<String> remotes) {
    }

    /** A remote's exchange began. */
    default void pushing(String remote) {
    }

    /** A remote is done; its outcomes say whether it failed. */
    default void finished(String remote, List<PushOutcome> outcomes) {
    }
}
