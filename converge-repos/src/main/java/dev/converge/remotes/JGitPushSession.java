package dev.converge.remotes;

import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A push session over one of JGit's transports: SSH, git://, file, and HTTP remotes that
 * {@link SmartHttpPush} leaves to JGit (a dumb server, an auth scheme other than Basic, {@code http.*}
 * settings in the Git config). Its advertisement comes from the push connection itself (not a
 * second one, as {@code Transport.push} would make).
 */
final class JGitPushSession implements PushSession {
    private final Repository repository;
    private final Mirror mirror;
    private final Transport transport;
    private final PushConnection connection;
    private final Map<String, ObjectId> heads;
    private final Duration latency;
    private final TrackingRefs tracking;

    private JGitPushSession(Repository repository, Mirror mirror, Transport transport, PushConnection connection,
                            Map<String, ObjectId> heads, Duration latency, TrackingRefs tracking) {
        this.repository = repository;
        this.mirror = mirror;
        this.transport = transport;
        this.connection = connection;
        this.heads = heads;
        this.latency = latency;
        this.tracking = tracking;
    }

    /** Opens the push connection and reads the advertisement; the caller closes the session. */
    static JGitPushSession open(Repository repository, Mirror mirror, Transport transport, TrackingRefs tracking) throws IOException {
        long started = System.nanoTime();
        PushConnection connection;
        try {
            connection = transport.openPush();
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return new JGitPushSession(repository, mirror, transport, connection, RemoteClient.heads(connection.getRefs()),
                Duration.ofNanos(System.nanoTime() - started), tracking);
    }

    @Override
    public Advertisement advertisement(int attempts) {
        return new Advertisement(mirror, heads, latency, null, attempts);
    }

    @Override
    public Map<String, RefResult> push(List<PushCommand> commands) throws IOException {
        Map<String, RemoteRefUpdate> byName = new LinkedHashMap<>();
        for (PushCommand c : commands) {
            // No tracking ref given to JGit: it is moved below, once, with the run's reflog identity.
            byName.put(c.ref(), new RemoteRefUpdate(repository, c.isDelete() ? null : c.ref(),
                    c.isDelete() ? null : c.newId(), c.ref(), c.force(), null, c.expectedOld()));
        }
        connection.push(NullProgressMonitor.INSTANCE, byName);
        Map<String, RefResult> results = new LinkedHashMap<>();
        for (PushCommand c : commands) {
            RemoteRefUpdate u = byName.get(c.ref());
            results.put(c.ref(), new RefResult(u.getStatus(), u.getMessage()));
            if (u.getStatus() == RemoteRefUpdate.Status.OK) {
                tracking.moved(mirror, c.ref(), c.newId());
            }
        }
        return results;
    }

    @Override
    public void close() {
        connection.close();
        transport.close();
    }
}
