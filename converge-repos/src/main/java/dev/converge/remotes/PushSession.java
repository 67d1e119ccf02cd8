package dev.converge.remotes;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One push connection to one remote: its ref advertisement is what the push decides on, and the
 * updates go over the same connection, so each remote costs one advertisement and one push (not
 * a second advertisement as {@code Transport.push} would make). The receiving side checks each
 * update against the commit it advertised, so a remote that moves in between rejects the update
 * instead of losing its new commit.
 */
final class PushSession implements AutoCloseable {
    private final Repository repository;
    private final Mirror mirror;
    private final Transport transport;
    private final PushConnection connection;
    private final Map<String, ObjectId> heads;
    private final Duration latency;
    private final PersonIdent reflogIdent;

    private PushSession(Repository repository, Mirror mirror, Transport transport, PushConnection connection,
                        Map<String, ObjectId> heads, Duration latency, PersonIdent reflogIdent) {
        this.repository = repository;
        this.mirror = mirror;
        this.transport = transport;
        this.connection = connection;
        this.heads = heads;
        this.latency = latency;
        this.reflogIdent = reflogIdent;
    }

    /**
     * Opens the push connection and reads the advertisement; the caller closes the session.
     *
     * @param reflogIdent who moves the remote-tracking branches, in their reflogs (JGit stamps each entry with its own time)
     */
    static PushSession open(Repository repository, Mirror mirror, Transport transport, PersonIdent reflogIdent) throws IOException {
        long started = System.nanoTime();
        PushConnection connection;
        try {
            connection = transport.openPush();
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return new PushSession(repository, mirror, transport, connection, RemoteClient.heads(connection.getRefs()),
                Duration.ofNanos(System.nanoTime() - started), reflogIdent);
    }

    /** What the remote advertised on this connection, counted as the given attempt. */
    Advertisement advertisement(int attempts) {
        return new Advertisement(mirror, heads, latency, null, attempts);
    }

    /**
     * Sends the updates; each one's status says how it ended. Remote-tracking branches of the
     * updates that succeeded are moved, as {@code git push} moves them: the fallback lease where converge has no record of its own.
     */
    void push(Collection<RemoteRefUpdate> updates) throws IOException {
        Map<String, RemoteRefUpdate> byName = new LinkedHashMap<>();
        updates.forEach(u -> byName.put(u.getRemoteName(), u));
        connection.push(NullProgressMonitor.INSTANCE, byName);
        for (RemoteRefUpdate u : updates) {
            if (u.getStatus() == RemoteRefUpdate.Status.OK) {
                moveTracking(u);
            }
        }
    }

    private void moveTracking(RemoteRefUpdate u) throws IOException {
        String tracking = mirror.trackingRef(u.getRemoteName().substring(Constants.R_HEADS.length()));
        if (tracking == null) {
            return;
        }
        RefUpdate ref = repository.updateRef(tracking);
        ref.setNewObjectId(u.getNewObjectId());
        ref.setForceUpdate(true);
        ref.setRefLogMessage("converge remotes push", false);
        // Given, since JGit would otherwise read the user's and system's Git config again for every update.
        ref.setRefLogIdent(reflogIdent);
        ref.update();
    }

    @Override
    public void close() {
        connection.close();
        transport.close();
    }
}
