package dev.converge.remotes;

import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Moves the remote-tracking branches of what a push delivered ({@code refs/remotes/a/main}), as
 * {@code git push} does, so that {@code git status} and {@code git log a/main} agree with the
 * remote. All of a run's moves go in one batch with one revision walk: the commit pushed to eight
 * mirrors is read once, not once per mirror, and no mirror's push waits on the local ref store.
 */
final class TrackingRefs {
    private TrackingRefs() {
    }

    /**
     * Moves the tracking branch of every pushed pair; a failure here loses nothing (the remote has
     * the commit), so it is returned as a warning rather than thrown.
     *
     * @return warnings, one per tracking branch that could not be moved
     */
    static List<String> move(Repository repository, Map<String, Mirror> mirrors, List<PushOutcome> outcomes) {
        BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate().setAllowNonFastForwards(true)
                .setRefLogMessage("converge remotes push", false);
        try {
            for (PushOutcome o : outcomes) {
                Mirror m = mirrors.get(o.remote());
                String tracking = o.status() == PushStatus.PUSHED && m != null ? m.trackingRef(o.branch()) : null;
                if (tracking != null) {
                    Ref now = repository.exactRef(tracking);
                    ObjectId old = now == null ? ObjectId.zeroId() : now.getObjectId();
                    batch.addCommand(new ReceiveCommand(old, o.localSha(), tracking));
                }
            }
            if (batch.getCommands().isEmpty()) {
                return List.of();
            }
            try (RevWalk walk = new RevWalk(repository)) {
                batch.execute(walk, NullProgressMonitor.INSTANCE);
            }
        } catch (IOException e) {
            return List.of("remote-tracking branches not moved: " + e.getMessage());
        }
        return batch.getCommands().stream().filter(c -> c.getResult() != ReceiveCommand.Result.OK)
                .map(c -> c.getRefName() + " not moved: " + c.getResult().name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
