package dev.converge.remotes;

import dev.converge.remotes.config.RetrySettings;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.Transport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Talks to remotes over JGit transports: a ref advertisement to learn where a remote stands (for
 * status and health), or a push session that decides on its own advertisement and sends all of a
 * remote's ref updates at once. Retries transient faults as the settings say.
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
     * Opens a push connection and reads its advertisement, retrying transient faults.
     *
     * @throws PushFault when the remote could not be reached after the retries, or refused outright
     */
    PushSession openPush(Mirror mirror) throws PushFault {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return PushSession.open(repository, mirror, open(mirror), attempt);
            } catch (Exception e) {
                Fault fault = Fault.of(e);
                if (!fault.isTransient() || attempt >= retry.attempts()) {
                    throw new PushFault(fault, attempt);
                }
                Backoff.pause(Backoff.delay(retry, attempt));
            }
        }
    }

    /** The retry settings, for callers that retry a whole exchange. */
    RetrySettings retry() {
        return retry;
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

        public PushFault(Fault fault, int attempts) {
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
