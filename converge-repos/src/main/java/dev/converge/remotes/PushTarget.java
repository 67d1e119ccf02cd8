package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One branch to push to one remote.
 *
 * @param branch    the branch's short name
 * @param local     the local commit to push
 * @param fromQueue whether it comes from the offline queue (such a push is never forced)
 */
record PushTarget(String branch, ObjectId local, boolean fromQueue) {
}
