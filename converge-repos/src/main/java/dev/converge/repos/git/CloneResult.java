package dev.converge.repos.git;

import java.nio.file.Path;

/**
 * How a clone ended.
 *
 * @param status    what happened
 * @param directory where the clone is (or would have been)
 * @param branch    the branch checked out, or {@code null} for an empty repository
 * @param head      the commit checked out, or {@code null} for an empty repository
 * @param message   why, for a skip
 */
public record CloneResult(Status status, Path directory, String branch, String head, String message) {

    /** The ways a clone ends. */
    public enum Status {
        /** Cloned. */
        CLONED,
        /** Not cloned, for the reason given; nothing at the target was touched. */
        SKIPPED;

        public boolean isSuccessful() {
            return this == CLONED;
        }
    }

    public boolean isSuccessful() {
        return status.isSuccessful();
    }
}
