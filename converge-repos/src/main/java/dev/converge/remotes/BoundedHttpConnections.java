package dev.converge.remotes;

import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.time.Duration;

/**
 * Bounds an HTTP remote's connect and every read by the connection itself, so that JGit need not
 * start its {@code InterruptTimer} (a platform thread per connection and a lock around each read
 * and write) for every push: about a tenth of the client's CPU per mirror.
 *
 * <p>JGit uses the transport's timeout in two places: {@code TransportHttp} copies any value but
 * {@code -1} onto each connection it opens (0 would mean "wait forever" there), and the pack
 * protocol starts its timer for any value above 0. So the HTTP transport gets {@code -1}, and its
 * connections get the bound from this factory instead, on the same socket reads the timer guarded.
 */
final class BoundedHttpConnections extends JDKHttpConnectionFactory {
    /** JGit's "not set" for {@link Transport#getTimeout()}: TransportHttp leaves the connection's own timeouts alone. */
    static final int UNSET = -1;
    private final int millis;

    private BoundedHttpConnections(Duration timeout) {
        this.millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /**
     * Bounds the transport's network waits by {@code timeout}: an HTTP one through its connections,
     * any other (SSH, git://, file) through JGit's own timeout.
     */
    static void bound(Transport transport, Duration timeout) {
        if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(new BoundedHttpConnections(timeout));
            transport.setTimeout(UNSET);
        } else {
            transport.setTimeout((int) Math.max(1, timeout.toSeconds()));
        }
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return bounded(super.create(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return bounded(super.create(url, proxy));
    }

    private HttpConnection bounded(HttpConnection connection) {
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        return connection;
    }
}
