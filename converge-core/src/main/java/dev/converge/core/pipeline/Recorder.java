package dev.converge.core.pipeline;

import dev.converge.core.model.Outcome;

/**
 * The record stage, fed as outcomes arrive rather than at the end, so that a run killed midway
 * keeps the bases of everything it finished and the next run redoes only the rest.
 */
public interface Recorder {
    Recorder NONE = (outcome, applied) -> {
    };

    /** Called once per outcome, from worker threads; {@code applied} is null for failures and skips. */
    void record(Outcome outcome, Applied applied);

    /** Makes everything recorded so far durable. */
    default void flush() {
    }
}
