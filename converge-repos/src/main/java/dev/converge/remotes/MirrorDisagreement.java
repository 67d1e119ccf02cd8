package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

import java.util.Map;

/**
 * Two or more remotes holding different commits for one branch. When none of them is an
 * ancestor of the others' commits (as far as local objects tell) the mirrors have diverged, and
 * converge will not pick a winner.
 *
 * @param branch   the branch
 * @param commits  remote name to the commit it holds
 * @param diverged whether the commits are on different lines of history (not merely one lagging)
 */
public record MirrorDisagreement(String branch, Map<String, ObjectId> commits, boolean diverged) {
    public MirrorDisagreement {
        commits = Map.copyOf(commits);
    }
}
