package dev.converge.repos.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;

/** The branch a clone checks out: the one the remote's HEAD names, as {@code git clone} picks it. */
final class RemoteHead {
    private RemoteHead() {
    }

    /** The short branch name, or {@code null} for a remote without branches. */
    static String branch(FetchResult fetched) {
        Ref head = fetched.getAdvertisedRef(Constants.HEAD);
        if (head == null) {
            return null;
        }
        if (head.isSymbolic()) {
            return Repository.shortenRefName(head.getTarget().getName());
        }
        // No symref advertised: the branch whose commit HEAD has, preferring main and master.
        ObjectId id = head.getObjectId();
        String found = null;
        for (Ref ref : fetched.getAdvertisedRefs()) {
            if (ref.getName().startsWith(Constants.R_HEADS) && id != null && id.equals(ref.getObjectId())) {
                String name = Repository.shortenRefName(ref.getName());
                if (found == null || name.equals("main") || name.equals("master")) {
                    found = name;
                }
            }
        }
        return found;
    }
}
