package dev.converge.remotes;

import dev.converge.core.retry.Retrier;
import dev.converge.core.retry.RetryPolicy;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
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
 * remote's ref updates at once. Transient faults are retried by the engine's {@link Retrier}.
 */
public final class RemoteClient {
    private final Repository repository;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final CredentialsProvider credentials;
    /** Who moves remote-tracking branches, read from the Git config once per run (racing threads read the same). */
    private volatile PersonIdent reflogIdent;
    /** Whether the Git config has {@code http.*} settings, which only JGit's transport applies; read once per run. */
    private volatile Boolean httpSettings;
    private final SharedPacks packs;
    private final BranchComparer comparer;

    /**
     * @param repository  the local repository
     * @param retry       how transient faults are retried
     * @param timeout     bound on each network operation
     * @param credentials credentials for remotes that ask, or {@code null} for none beyond the URL's
     */
    public RemoteClient(Repository repository, RetryPolicy retry, Duration timeout, CredentialsProvider credentials) {
        this(repository, retry, timeout, credentials, null, null);
    }

    /**
     * @param packs    the run's packs, shared by its HTTP pushes; {@code null} for a client that only reads advertisements
     * @param comparer the run's commit comparisons, shared by its pushes' fast-forward checks
     */
    RemoteClient(Repository repository, RetryPolicy retry, Duration timeout, CredentialsProvider credentials, SharedPacks packs,
                 BranchComparer comparer) {
        this.repository = repository;
        this.retry = retry;
        this.timeout = timeout;
        this.credentials = credentials;
        this.packs = packs;
        this.comparer = comparer;
    }

    /** Asks the remote for its branch heads, retrying transient faults; never throws. */
    public Advertisement advertise(Mirror mirror) {
        long started = System.nanoTime();
        try {
            Retrier.Attempted<Map<String, ObjectId>> heads = new Retrier(retry).call(() -> {
                try (Transport transport = open(mirror); FetchConnection connection = transport.openFetch()) {
                    return heads(connection.getRefs());
                } catch (Exception e) {
                    throw FaultException.of(e);
                }
            });
            return new Advertisement(mirror, heads.value(), Duration.ofNanos(System.nanoTime() - started), null, heads.attempts());
        } catch (Retrier.AttemptsExhausted e) {
            return new Advertisement(mirror, Map.of(), Duration.ofNanos(System.nanoTime() - started),
                    FaultException.faultOf(e.last()), e.attempts());
        } catch (Exception e) {
            return new Advertisement(mirror, Map.of(), Duration.ofNanos(System.nanoTime() - started), Fault.of(e), 1);
        }
    }

    /**
     * Opens a push connection and reads its advertisement, once: the caller retries the whole
     * exchange, since a remote that moved must be decided on afresh.
     *
     * @throws FaultException when the remote could not be reached or refused
     */
    PushSession openPush(Mirror mirror) throws FaultException {
        TrackingRefs tracking = new TrackingRefs(repository, reflogIdent());
        try {
            if (packs != null && isPlainHttp(mirror)) {
                try {
                    return SmartHttpPush.open(mirror, new SmartHttp(mirror.url(), credentials, timeout), packs, comparer, tracking);
                } catch (SmartHttp.NotHandled e) {
                    // A dumb server or another auth scheme: JGit's transport knows those.
                }
            }
            return JGitPushSession.open(repository, mirror, open(mirror), tracking);
        } catch (Exception e) {
            throw FaultException.of(e);
        }
    }

    /**
     * Whether converge's own smart-HTTP client may push to the mirror: an http(s) URL and no
     * {@code http.*} settings in the Git config, the user's or the system's (SSL verification, CA
     * files, extra headers, cookies, proxies, per-URL settings), which JGit's transport applies and
     * that client does not.
     */
    private boolean isPlainHttp(Mirror mirror) {
        String scheme = mirror.url().getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return false;
        }
        Boolean settings = httpSettings;
        if (settings == null) {
            var config = repository.getConfig();
            // Recursive: the user's and the system's config count as much as the repository's.
            settings = !config.getNames("http", null, true).isEmpty() || !config.getSubsections("http").isEmpty();
            httpSettings = settings;
        }
        return !settings;
    }

    private PersonIdent reflogIdent() {
        PersonIdent who = reflogIdent;
        if (who == null) {
            who = new PersonIdent(repository);
            reflogIdent = who;
        }
        return who;
    }

    /** The retry policy, for callers that retry a whole exchange. */
    RetryPolicy retry() {
        return retry;
    }

    /** Branch short name to commit, from an advertisement. */
    static Map<String, ObjectId> heads(Iterable<Ref> refs) {
        Map<String, ObjectId> heads = new HashMap<>();
        for (Ref ref : refs) {
            if (ref.getName().startsWith(Constants.R_HEADS) && ref.getObjectId() != null) {
                heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId());
            }
        }
        return heads;
    }

    private Transport open(Mirror mirror) throws Exception {
        Transport transport = Transport.open(repository, mirror.url());
        // Connect and every read are bounded (RemotesHttpTest holds that for a server that never answers).
        BoundedHttpConnections.bound(transport, timeout);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        return transport;
    }
}
