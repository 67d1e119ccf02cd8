package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

/**
 * What converge last recorded of a branch on a remote: the commit it pushed there, or found there
 * in sync, in the state store. That commit is the lease of a {@code force_push: allow} push: unlike
 * a remote-tracking branch, which any {@code git fetch} moves without a word, it only changes when
 * converge itself saw the remote hold it.
 */
@FunctionalInterface
public interface PushBases {
    /** No record: every lease falls back to the remote-tracking branch. */
    PushBases NONE = (remote, branch) -> null;

    /** The commit last pushed to (or found in sync on) {@code remote}'s {@code branch}, or {@code null}. */
    ObjectId lastPushed(String remote, String branch);
}
