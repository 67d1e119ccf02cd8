package dev.converge.remotes;

import dev.converge.remotes.config.RetrySettings;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Talks to remotes over JGit transports: one ref advertisement to learn where a remote stands,
 * one push with all of a remote's ref updates. Retries transient faults as the settings say.
 */
public final class RemoteClient {
    private final Repository repository;
    private final RetrySettings retry;
    private final int timeoutSeconds;
    private final CredentialsProvider credentials;

    /**
     * @param repository     the local repository
     * @param retry          how transient faults are retried
     * @param timeout        bound on each network operation
     * @param credentials    credentials for remotes that ask, or {@code null} for none beyond the URL's
     */
    public RemoteClient(Repository repository, RetrySettings retry, Duration timeout, CredentialsProvider credentials) {
        this.repository = repository;
        this.retry = retry;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.credentials = credentials;
    }

    /** Asks the remote for its branch heads, retrying transient faults; never throws. */
    public Advertisement advertise(Mirror mirror) {
        long started = System.nanoTime();
        Fault fault = null;
        int attempt = 0;
        while (attempt < retry.attempts()) {
            attempt++;
            try (Transport transport = open(mirror); FetchConnection connection = transport.openFetch()) {
                Map<String, ObjectId> heads = new HashMap<>();
                for (Ref ref : connection.getRefs()) {
                    if (ref.getName().startsWith(Constants.R_HEADS) && ref.getObjectId() != null) {
                        heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId());
                    }
                }
                return new Advertisement(mirror, heads, Duration.ofNanos(System.nanoTime() - started), null, attempt);
            } catch (Exception e) {
                fault = Fault.of(e);
                if (!fault.isTransient() || attempt >= retry.attempts()) {
                    break;
                }
                Backoff.pause(Backoff.delay(retry, attempt));
            }
        }
        return new Advertisement(mirror, Map.of(), Duration.ofNanos(System.nanoTime() - started), fault, attempt);
    }

    /**
     * Sends the updates in one push. Rejections per ref are in the result; only a failure of the
     * whole exchange (transport, auth, unreachable) throws, after the retries for transient faults.
     */
    public PushResult push(Mirror mirror, Collection<RemoteRefUpdate> updates) throws PushFault {
        int attempt = 0;
        while (true) {
            attempt++;
            try (Transport transport = open(mirror)) {
                return transport.push(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, updates);
            } catch (Exception e) {
                Fault fault = Fault.of(e);
                if (!fault.isTransient() || attempt >= retry.attempts()) {
                    throw new PushFault(fault, attempt);
                }
                Backoff.pause(Backoff.delay(retry, attempt));
            }
        }
    }

    private Transport open(Mirror mirror) throws Exception {
        Transport transport = Transport.open(repository, mirror.url());
        transport.setTimeout(timeoutSeconds);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        return transport;
    }

    /** A push that could not be carried out at all, with the fault and the attempts made. */
    public static final class PushFault extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Fault fault;
        private final int attempts;

        PushFault(Fault fault, int attempts) {
            super(fault.message());
            this.fault = fault;
            this.attempts = attempts;
        }

        public Fault fault() {
            return fault;
        }

        public int attempts() {
            return attempts;
        }
    }
}
