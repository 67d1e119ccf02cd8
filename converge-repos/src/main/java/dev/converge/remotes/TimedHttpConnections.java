package dev.converge.remotes;

import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;

/**
 * HTTP connections that bound their own connect and every read, so that a remote which stops
 * answering fails its push instead of hanging it, without JGit's per-connection timer thread.
 */
final class TimedHttpConnections implements HttpConnectionFactory2 {
    private final HttpConnectionFactory delegate;
    private final int timeoutMillis;

    TimedHttpConnections(HttpConnectionFactory delegate, int timeoutMillis) {
        this.delegate = delegate;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return bounded(delegate.create(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return bounded(delegate.create(url, proxy));
    }

    /** The delegate's session, which applies http.sslVerify and the like to HTTPS connections. */
    @Override
    public GitSession newSession() {
        if (delegate instanceof HttpConnectionFactory2 sessions) {
            return sessions.newSession();
        }
        return new GitSession() {
            @Override
            public HttpConnection configure(HttpConnection connection, boolean sslVerify) {
                return connection;
            }

            @Override
            public void close() {
            }
        };
    }

    private HttpConnection bounded(HttpConnection connection) {
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        return connection;
    }
}
