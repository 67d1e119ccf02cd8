package dev.converge.remotes;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;

/**
 * Moves a mirror's remote-tracking branch after the remote accepted an update, as {@code git push}
 * does: the fallback lease where converge has no record of its own.
 */
final class TrackingRefs {
    private final Repository repository;
    private final PersonIdent reflogIdent;

    /** @param reflogIdent who moves them, in their reflogs (JGit stamps each entry with its own time) */
    TrackingRefs(Repository repository, PersonIdent reflogIdent) {
        this.repository = repository;
        this.reflogIdent = reflogIdent;
    }

    /** The remote's {@code ref} now holds {@code newId} (zero: it was deleted). */
    void moved(Mirror mirror, String ref, ObjectId newId) throws IOException {
        if (!ref.startsWith(Constants.R_HEADS)) {
            return;
        }
        String tracking = mirror.trackingRef(ref.substring(Constants.R_HEADS.length()));
        if (tracking == null) {
            return;
        }
        RefUpdate update = repository.updateRef(tracking);
        update.setForceUpdate(true);
        // Given, since JGit would otherwise read the user's and system's Git config again for every update.
        update.setRefLogIdent(reflogIdent);
        if (ObjectId.zeroId().equals(newId)) {
            update.delete();
            return;
        }
        update.setNewObjectId(newId);
        update.setRefLogMessage("converge remotes push", false);
        update.update();
    }
}
