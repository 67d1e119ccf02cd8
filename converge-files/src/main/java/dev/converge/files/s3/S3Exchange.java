package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.retry.RetryAfterHeader;
import dev.converge.files.http.HttpAnswer;
import dev.converge.files.http.PooledHttp;
import dev.converge.files.http.StoreXml;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The lean S3 exchange: one signed request, one answer, over a pool of keep-alive connections,
 * without the SDK's per-request pipeline (interceptors, endpoint rules, auth-scheme resolution,
 * model marshalling: about 2 ms of CPU per PutObject). Addressing as the SDK would with the same
 * settings: path-style ({@code endpoint/bucket/key}) when {@link S3Connection#pathStyle()},
 * virtual-host ({@code bucket.host/key}) otherwise.
 *
 * <p>Apache HttpClient 4, which the SDK already brings, set up as {@link PooledHttp} (shared with
 * the lean Azure exchange). It never retries or follows redirects: the engine retries transient
 * faults, and a redirect from S3 means a wrong region, which the caller reports.
 *
 * <p>Payloads are signed with their real SHA-256 (not {@code UNSIGNED-PAYLOAD}): a single PutObject's
 * body is the whole file, whose SHA-256 the upload computes anyway for its metadata, so signing it
 * costs nothing; S3 and every compatible store accept it over http and https alike, and over plain
 * http it makes the body tamper-evident, which {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} would do
 * only at the price of chunk signatures not every S3-compatible store speaks.
 */
final class S3Exchange implements Closeable {
    static final int EXPECT_CONTINUE_ABOVE = PooledHttp.EXPECT_CONTINUE_ABOVE;

    private final S3Connection connection;
    private final SigV4Signer signer;
    private final CloseableHttpClient http;
    private final RequestConfig config;
    private final RequestConfig expectContinue;
    private final String scheme;
    private final String baseHost;
    private final int port;
    private final String basePath;

    S3Exchange(S3Connection connection) {
        this.connection = connection;
        this.signer = new SigV4Signer(connection.region());
        URI endpoint = connection.endpoint();
        if (endpoint == null) {
            scheme = "https";
            baseHost = "s3." + connection.region() + ".amazonaws.com";
            port = -1;
            basePath = "";
        } else {
            scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
            baseHost = endpoint.getHost();
            port = endpoint.getPort();
            String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
            basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
        PooledHttp pooled = PooledHttp.forScheme(scheme);
        http = pooled.client();
        config = pooled.config();
        expectContinue = pooled.expectContinue();
    }

    /**
     * Sends one request and returns its answer, whatever the status: the caller decides which are
     * faults ({@link Answer#fault}).
     *
     * @param key    the object's full key, or null for the bucket itself
     * @param query  query parameters, unencoded; null for none
     * @param extra  headers to send and sign besides host, date, payload hash and session token
     * @param body   the body, or null
     * @param bodySha256 hex SHA-256 of the body (ignored without one)
     * @param what   the object or bucket, as messages name it
     */
    Answer send(String method, String bucket, String key, Map<String, String> query, Map<String, String> extra,
                byte[] body, String bodySha256, String what) throws ConvergeException {
        S3Credentials credentials = connection.credentials().resolve();
        String host;
        String path;
        String encodedKey = key == null ? "" : SigV4Signer.uriEncode(key, true);
        if (connection.pathStyle()) {
            host = baseHost;
            path = basePath + "/" + bucket + (key == null ? "" : "/" + encodedKey);
        } else {
            host = bucket + "." + baseHost;
            path = basePath + "/" + encodedKey;
        }
        String hostHeader = port < 0 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")
                ? host : host + ":" + port;
        String canonicalQuery = canonicalQuery(query);
        String payloadHash = body == null ? SigV4Signer.EMPTY_SHA256 : bodySha256;
        String amzDate = SigV4Signer.amzDate(Instant.now());
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader);
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            headers.put("x-amz-security-token", credentials.sessionToken());
        }
        if (extra != null) {
            headers.putAll(extra);
        }
        String authorization = signer.authorization(method, path, canonicalQuery, headers, payloadHash, amzDate, credentials);

        RequestBuilder request = RequestBuilder.create(method)
                .setUri(URI.create(scheme + "://" + hostHeader + path + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery)));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request.addHeader(h.getKey(), h.getValue());
        }
        request.addHeader("Authorization", authorization);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            request.setConfig(body.length > EXPECT_CONTINUE_ABOVE ? expectContinue : config);
        }
        try {
            return new Answer(http.execute(new HttpHost(host, port, scheme), request.build()), connection.region());
        } catch (IOException e) {
            throw S3Errors.remote(what, e);
        }
    }

    /** Parameters sorted by name, names and values encoded as SigV4 wants; the same string is sent. */
    static String canonicalQuery(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        SortedMap<String, String> sorted = new TreeMap<>();
        query.forEach((k, v) -> sorted.put(SigV4Signer.uriEncode(k, false), SigV4Signer.uriEncode(v, false)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** One S3 answer: S3's faults come with an error code in the body and sometimes the bucket's region. */
    static final class Answer extends HttpAnswer {
        private final String region;

        Answer(CloseableHttpResponse response, String region) {
            super(response);
            this.region = region;
        }

        /** This answer as a fault: status, S3's error code from the body, and the bucket's region if S3 named it. */
        RemoteException fault(String what) {
            String code = null;
            try {
                code = StoreXml.errorCode(body());
            } catch (IOException | RuntimeException e) {
                // the status alone still says what happened
            }
            Duration wait = RetryAfterHeader.parse(header("Retry-After"), Instant.now()).orElse(null);
            return S3Errors.remote(what, status(), code, otherRegion(), wait, null);
        }

        /**
         * The bucket's region when S3 says it is not the one the request was signed for (a 301
         * PermanentRedirect, or a 400 AuthorizationHeaderMalformed), else null.
         */
        String otherRegion() {
            String named = header("x-amz-bucket-region");
            return named == null || named.isBlank() || named.strip().equalsIgnoreCase(region) ? null : named.strip();
        }
    }
}
