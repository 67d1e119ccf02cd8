package dev.converge.repos.host;

import org.eclipse.jgit.transport.URIish;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link HostLimit} of every host a run talks to, one per host name (and port), created on
 * first use with the same ceiling. Discovery API calls and clones or fetches of one provider go to
 * different hosts ({@code api.github.com}, {@code github.com}) and are limited separately, as the
 * providers rate-limit them separately.
 */
public final class HostLimits {
    private final int perHost;
    private final Map<String, HostLimit> limits = new ConcurrentHashMap<>();

    /** @param perHost the most operations one host gets at once before any push-back */
    public HostLimits(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("a host limit must be at least 1, was " + perHost);
        }
        this.perHost = perHost;
    }

    /** Limits nothing in practice: as many permits per host as there could be workers. */
    public static HostLimits unlimited() {
        return new HostLimits(Integer.MAX_VALUE);
    }

    public int perHost() {
        return perHost;
    }

    /** The limit for the host of an address; every {@code file:} address shares one, "local". */
    public HostLimit of(URI address) {
        return of(address.toString());
    }

    /** The limit for the host of a Git remote URL, scp-like {@code git@host:o/r.git} included. */
    public HostLimit of(String url) {
        return forHost(key(url));
    }

    public HostLimit forHost(String host) {
        return limits.computeIfAbsent(host, h -> new HostLimit(h, perHost));
    }

    static String key(String url) {
        if (url == null) {
            return "local";
        }
        try {
            URIish address = new URIish(url);
            if (address.getHost() == null || "file".equals(address.getScheme())) {
                return "local";
            }
            String host = address.getHost().toLowerCase(Locale.ROOT);
            return address.getPort() > 0 ? host + ":" + address.getPort() : host;
        } catch (URISyntaxException e) {
            return "local"; // not a network address; the operation itself will say what is wrong with it
        }
    }
}
