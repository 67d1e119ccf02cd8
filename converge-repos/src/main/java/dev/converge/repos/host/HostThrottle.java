package dev.converge.repos.host;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.repos.provider.Pause;

import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs clones and fetches within their host's {@link HostLimit} and rides out the host's
 * push-back instead of failing the run: on HTTP 429, a GitHub secondary rate limit (403 with
 * {@code Retry-After} or its documented message) or a refused SSH connection, the host's permits
 * are halved, the operation waits (the server's {@code Retry-After} when it gave one, else
 * exponential backoff with jitter so parallel workers do not return in step) and is tried again.
 * Any other fault passes straight through to the engine's own retry.
 */
public final class HostThrottle {
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(60);

    private final HostLimits limits;
    private final Pause pause;
    private final Duration patience;

    /**
     * @param limits   the permits per host
     * @param pause    how to wait (tests record instead of sleeping)
     * @param patience the most one operation waits in all before its host's push-back is reported
     */
    public HostThrottle(HostLimits limits, Pause pause, Duration patience) {
        this.limits = limits;
        this.pause = pause;
        this.patience = patience;
    }

    /** One operation against a host. */
    @FunctionalInterface
    public interface Operation<T> {
        T call() throws ConvergeException;
    }

    public HostLimits limits() {
        return limits;
    }

    /** Runs the operation against the host of the Git remote {@code target}, waiting out push-back. */
    public <T> T call(String target, Operation<T> operation) throws ConvergeException {
        HostLimit limit = limits.of(target);
        Duration waited = Duration.ZERO;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            acquire(limit);
            RemoteException pushedBack;
            try {
                T value = operation.call();
                limit.succeeded();
                return value;
            } catch (RemoteException e) {
                if (!isPushBack(e, target)) {
                    throw e;
                }
                limit.pushedBack();
                pushedBack = e;
            } finally {
                limit.release();
            }
            Optional<Duration> asked = pushedBack.retryAfter();
            Duration delay = asked.orElse(jittered(backoff));
            if (asked.isEmpty()) {
                backoff = min(backoff.multipliedBy(2), LONGEST_BACKOFF);
            }
            if (waited.plus(delay).compareTo(patience) > 0) {
                throw new RemoteException(pushedBack.getMessage() + "; " + limit.host() + " kept pushing back, gave up after waiting "
                        + waited.toSeconds() + "s", pushedBack.status(), false, pushedBack);
            }
            sleep(delay);
            waited = waited.plus(delay);
        }
    }

    /** Whether a fault is the host asking us to slow down rather than a fault of the operation. */
    static boolean isPushBack(RemoteException e, String target) {
        String message = messages(e).toLowerCase(Locale.ROOT);
        return switch (e.status()) {
            case 429 -> true;
            case 403 -> e.retryAfter().isPresent() || message.contains("secondary rate limit");
            case 503 -> e.retryAfter().isPresent();
            default -> isSsh(target) && message.contains("connection refused");
        };
    }

    /** {@code ssh://…}, or scp-like {@code git@host:o/r.git}, which has no scheme but a host. */
    private static boolean isSsh(String url) {
        if (url == null) {
            return false;
        }
        try {
            URIish u = new URIish(url);
            return "ssh".equals(u.getScheme()) || (u.getScheme() == null && u.getHost() != null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** Somewhere in the upper half of the backoff: spread out, yet never much shorter than asked. */
    public static Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void acquire(HostLimit limit) throws ConvergeException {
        try {
            limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException("interrupted while waiting for a connection to " + limit.host(), e);
        }
    }

    private void sleep(Duration delay) throws ConvergeException {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException("interrupted while waiting out push-back", e);
        }
    }
}
