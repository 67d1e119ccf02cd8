package dev.converge.files.http;

import java.util.List;
import java.util.Locale;
import org.apache.http.client.config.CookieSpecs;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.util.PublicSuffixMatcher;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The Apache HttpClient 4 set-up the lean object-store exchanges share (S3's and Azure's): a pool of
 * keep-alive connections to one host, checked before reuse after idling, and a client that never
 * retries, redirects, keeps cookies or decompresses: the engine retries transient faults itself, and
 * a redirect from a store means a misconfiguration the caller reports.
 *
 * <p>Apache rather than HttpURLConnection, which keeps five idle connections per host for the whole
 * JVM and hands out connections the server has closed.
 *
 * @param client         the client; closing it closes the pool
 * @param config         the request config for bodiless and small requests
 * @param expectContinue the same, waiting for the server's 100 Continue before sending a body, so that
 *                       a refused large request sends nothing
 */
public record PooledHttp(CloseableHttpClient client, RequestConfig config, RequestConfig expectContinue) {
    public static final int MAX_CONNECTIONS = 256;
    /** Bodies above this wait for the server's 100 Continue. */
    public static final int EXPECT_CONTINUE_ABOVE = 1024 * 1024;

    /** A client for endpoints of this scheme ("http" or "https"). */
    public static PooledHttp forScheme(String scheme) {
        RegistryBuilder<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory());
        // the TLS factory loads and parses the JDK's trust store: only for an https endpoint
        sockets.register("https", scheme.toLowerCase(Locale.ROOT).equals("https")
                ? SSLConnectionSocketFactory.getSocketFactory() : new PlainHttpOnlySocketFactory());
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(sockets.build());
        // the engine's file concurrency bounds the requests in flight; all go to one host
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setDefaultMaxPerRoute(MAX_CONNECTIONS);
        // a connection idle for a while may have been closed by the server: check before reuse
        pool.setValidateAfterInactivity(2_000);
        pool.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(60_000).build());
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(10_000)
                // a connection that moves nothing for a minute is dead
                .setSocketTimeout(60_000)
                .setConnectionRequestTimeout(5 * 60_000)
                // the path is signed as sent: no normalising of "//" or "%2B" on the way
                .setNormalizeUri(false)
                .setRedirectsEnabled(false)
                .setCookieSpec(CookieSpecs.IGNORE_COOKIES)
                .setExpectContinueEnabled(false)
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(config)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("converge")
                // the builder would load and parse the whole public-suffix list for cookie domains,
                // which are ignored here (TLS host names are checked by the socket factory's own verifier)
                .setPublicSuffixMatcher(new PublicSuffixMatcher(List.of(), List.of()))
                .build();
        return new PooledHttp(http, config, RequestConfig.copy(config).setExpectContinueEnabled(true).build());
    }

    /** The config for a request with a body of this many bytes. */
    public RequestConfig configFor(long bodyLength) {
        return bodyLength > EXPECT_CONTINUE_ABOVE ? expectContinue : config;
    }
}
