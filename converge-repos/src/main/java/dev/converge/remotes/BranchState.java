package dev.converge.remotes;

/**
 * Where one branch on one remote stands against the local branch. "Ahead" and "behind" are said
 * from the local side, as {@code git status} says them: ahead means there is something to push.
 */
public enum BranchState {
    /** The remote holds the same commit. */
    IN_SYNC("in sync"),
    /** The local branch has commits the remote lacks; a push is a fast-forward. */
    AHEAD("ahead"),
    /** The remote has commits the local branch lacks; pushing would drop them, so nothing is pushed. */
    BEHIND("behind"),
    /** Both have commits the other lacks; only a force push (with a lease, and only where allowed) would converge. */
    DIVERGED("diverged"),
    /**
     * The remote's commit is not in the local repository, so it cannot be counted: the remote is
     * behind-or-diverged from our view, and is treated like {@link #DIVERGED} (never overwritten blindly).
     */
    UNKNOWN("behind/diverged (unknown)"),
    /** The branch does not exist on the remote yet; a push creates it. */
    MISSING("missing"),
    /** The remote did not answer its ref advertisement. */
    UNREACHABLE("unreachable");

    private final String label;

    BranchState(String label) {
        this.label = label;
    }

    /** The words the dashboard shows. */
    public String label() {
        return label;
    }

    /** Whether a plain push (no force) would converge this branch. */
    public boolean isFastForward() {
        return this == AHEAD || this == MISSING;
    }

    /** Whether the remote holds commits the local branch lacks. */
    public boolean remoteHasOtherCommits() {
        return this == BEHIND || this == DIVERGED || this == UNKNOWN;
    }
}
