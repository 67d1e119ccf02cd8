package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One ref update a push session sends: set {@code ref} on the remote to {@code newId} (zero to delete it).
 *
 * @param ref         the remote's full ref name ({@code refs/heads/main})
 * @param newId       the commit it should hold, or {@link ObjectId#zeroId()} to delete it
 * @param expectedOld the commit the remote must hold now (the lease), or {@code null} for "whatever it advertised"
 * @param force       whether a non-fast-forward may be sent (always with the advertised commit as the lease)
 */
record PushCommand(String ref, ObjectId newId, ObjectId expectedOld, boolean force) {
    boolean isDelete() {
        return ObjectId.zeroId().equals(newId);
    }
}
