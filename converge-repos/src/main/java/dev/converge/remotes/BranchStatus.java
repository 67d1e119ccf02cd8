package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One (remote, branch) pair: the item of the remotes kind.
 *
 * @param remote    the remote's name
 * @param branch    the branch's short name
 * @param state     where it stands
 * @param localSha  the local branch's commit
 * @param remoteSha the remote's commit, or {@code null} when missing or unreachable
 * @param ahead     commits only the local branch has, or -1 when unknown
 * @param behind    commits only the remote has, or -1 when unknown
 */
public record BranchStatus(String remote, String branch, BranchState state, ObjectId localSha, ObjectId remoteSha,
                           int ahead, int behind) {

    /** "remote/branch", the item id used in reports, the audit trail and the queue. */
    public String id() {
        return remote + "/" + branch;
    }

    /** The dashboard's words: "ahead 2", "diverged (2, 3)", "in sync". */
    public String describe() {
        return switch (state) {
            case AHEAD -> "ahead " + ahead;
            case BEHIND -> "behind " + behind;
            case DIVERGED -> "diverged (" + ahead + ", " + behind + ")";
            default -> state.label();
        };
    }

    /** The git commands that would reconcile a remote that cannot be pushed to safely, or an empty string. */
    public String reconcileHint() {
        return switch (state) {
            case BEHIND -> "git pull --ff-only " + remote + " " + branch;
            case DIVERGED, UNKNOWN -> "git fetch " + remote + " && git merge " + remote + "/" + branch
                    + " (or git rebase " + remote + "/" + branch + "), then push again";
            default -> "";
        };
    }
}
