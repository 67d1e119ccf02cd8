package dev.converge.files.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The TLS socket factory for a client whose endpoint is plain {@code http://} (an S3-compatible
 * store on the local network, S3Proxy, MinIO, Azurite): it is never used, and giving the Apache client this
 * one spares it building the default one, which loads and parses the JDK's whole trust store on
 * every run (a visible share of a one-file push's start-up). A request that somehow asked for TLS
 * fails rather than going out unverified.
 */
public final class PlainHttpOnlySocketFactory implements ConnectionSocketFactory {
    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        throw new SSLException("TLS is not set up: the endpoint was given as http://");
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                InetSocketAddress localAddress, HttpContext context) throws IOException {
        throw new SSLException("TLS is not set up: the endpoint was given as http://");
    }
}
