package dev.converge.repos.git;

import org.eclipse.jgit.lib.RepositoryState;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a local clone looks like now, as {@code git status} would tell it.
 *
 * @param directory  the working tree
 * @param branch     the checked-out branch, or {@code null} on a detached HEAD
 * @param head       the HEAD commit, or {@code null} in a repository with no commit yet
 * @param state      JGit's repository state: {@code SAFE}, {@code MERGING}, {@code REBASING}…
 * @param upstream   the upstream branch ({@code origin/main}), or {@code null} when none is configured
 * @param ahead      local commits not on the upstream
 * @param behind     upstream commits not on the local branch
 * @param modified   tracked files changed, staged or not, or in conflict
 * @param untracked  untracked files that are not ignored
 * @param originUrl  the URL of {@code origin}, or {@code null}
 */
public record RepoStatus(Path directory, String branch, String head, RepositoryState state, String upstream,
                         int ahead, int behind, int modified, int untracked, String originUrl) {

    public boolean isDetached() {
        return branch == null && head != null;
    }

    public boolean isDirty() {
        return modified > 0 || untracked > 0;
    }

    /** Whether a merge, rebase, cherry-pick, revert or bisect is under way. */
    public boolean isMidOperation() {
        return state != RepositoryState.SAFE && state != RepositoryState.BARE;
    }

    /**
     * Why converge must leave this clone exactly as it is, if it must: a dirty working tree,
     * an operation under way, or a detached HEAD. Untracked files count, because a checkout
     * could meet them and git users expect a sync not to touch a tree they are working in.
     */
    public Optional<String> blocker() {
        if (isMidOperation()) {
            return Optional.of(switch (state) {
                case MERGING, MERGING_RESOLVED -> "a merge is in progress";
                case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE, APPLY -> "a rebase is in progress";
                case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> "a cherry-pick is in progress";
                case REVERTING, REVERTING_RESOLVED -> "a revert is in progress";
                case BISECTING -> "a bisect is in progress";
                default -> "repository state is " + state.getDescription();
            });
        }
        if (isDirty()) {
            return Optional.of("dirty working tree (" + modified + " changed, " + untracked + " untracked)");
        }
        if (isDetached()) {
            return Optional.of("detached HEAD at " + head.substring(0, 7));
        }
        return Optional.empty();
    }

    /** A short word for the status table: clean, dirty, detached, merging, rebasing… */
    public String summary() {
        if (isMidOperation()) {
            return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        if (isDirty()) {
            return "dirty";
        }
        return isDetached() ? "detached" : "clean";
    }
}
