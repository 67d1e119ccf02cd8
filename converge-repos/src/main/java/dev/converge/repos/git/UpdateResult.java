package dev.converge.repos.git;

import java.nio.file.Path;
import java.util.List;

/**
 * How updating a clone from its upstream ended.
 *
 * @param status    what happened
 * @param directory the working tree
 * @param branch    the branch that was (or would have been) updated
 * @param before    HEAD before, or {@code null} when the repository had no commit
 * @param after     HEAD after; equal to {@code before} unless the branch moved
 * @param ahead     local commits not on the upstream, after the update
 * @param behind    upstream commits not on the local branch, after the update
 * @param conflicts the files in conflict, for {@link Status#CONFLICT}
 * @param message   why, for skips and conflicts ("dirty working tree (2 changed, 0 untracked)")
 */
public record UpdateResult(Status status, Path directory, String branch, String before, String after,
                           int ahead, int behind, List<String> conflicts, String message) {

    /** The ways an update ends. */
    public enum Status {
        /** Nothing to bring in (local commits, if any, are left to be pushed). */
        UP_TO_DATE,
        /** The branch moved forward to its upstream. */
        FAST_FORWARDED,
        /** Local and upstream commits were joined by a merge commit. */
        MERGED,
        /** The merge conflicted; it was aborted and the repository restored as it was. */
        CONFLICT,
        /** Left exactly as it was, for the reason given (dirty, detached, mid-merge, other remote). */
        SKIPPED;

        public boolean isSuccessful() {
            return this == UP_TO_DATE || this == FAST_FORWARDED || this == MERGED;
        }

        /** Whether the branch changed. */
        public boolean moved() {
            return this == FAST_FORWARDED || this == MERGED;
        }
    }

    public UpdateResult {
        conflicts = List.copyOf(conflicts);
        message = message == null ? "" : message;
    }

    public boolean isSuccessful() {
        return status.isSuccessful();
    }
}
