package dev.converge.files.azure;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.files.http.HttpAnswer;
import dev.converge.files.http.PooledHttp;
import dev.converge.files.http.StoreXml;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;

/**
 * The lean Azure Blob exchange: one authorized request, one answer, over {@link PooledHttp}'s
 * keep-alive connections, without the SDK's HTTP pipeline (policies per request, reactive types,
 * model (de)serialization), which cost a no-op of 2,000 files more CPU than the rest of the run.
 *
 * <p>Requests are authorized with Shared Key ({@link SharedKeySigner}), a SAS token in the query,
 * or an Entra ID Bearer token ({@link EntraToken}). Nothing here retries or follows redirects: the
 * engine retries transient faults.
 */
final class AzureExchange implements Closeable {
    /**
     * The REST version every request names: the one azure-storage-blob 12.31 sends, which Azurite
     * 3.35 accepts too, so that the lean and the SDK paths see the same service behaviour.
     */
    static final String VERSION = "2025-11-05";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    private final Connection connection;
    private final PooledHttp http;
    private final SharedKeySigner signer;
    private final EntraToken entra;
    private final String origin;
    private final String containerPath;

    AzureExchange(Connection connection) {
        this(connection, connection.auth() instanceof AzureAuth.Entra ? new EntraToken() : null);
    }

    /** With the Entra ID tokens to send when the connection uses Entra ID. */
    AzureExchange(Connection connection, EntraToken entra) {
        this.connection = connection;
        URI endpoint = URI.create(connection.endpoint());
        this.http = PooledHttp.forScheme(endpoint.getScheme());
        this.signer = connection.auth() instanceof AzureAuth.SharedKey key
                ? new SharedKeySigner(key.account(), key.base64Key()) : null;
        this.entra = entra;
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.origin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        this.containerPath = ConnectionString.trimSlash(basePath) + "/" + connection.container();
    }

    /**
     * Sends one request and returns its answer whatever the status: the caller decides which are faults.
     *
     * @param blob    the blob's full name, or null for the container
     * @param query   the query, already encoded ({@link #encode}), or null
     * @param extra   headers besides date, version and authorization; names in lower case
     * @param body    the body (sent as application/octet-stream), or null
     * @param what    what is being done, as messages say it ("upload of 'a.txt' to azure://c")
     */
    Answer send(String method, String blob, String query, Map<String, String> extra, byte[] body, String what)
            throws ConvergeException {
        String path = blob == null ? containerPath : containerPath + "/" + encodePath(blob);
        String fullQuery = query;
        if (connection.auth() instanceof AzureAuth.Sas sas) {
            fullQuery = query == null || query.isEmpty() ? sas.token() : query + "&" + sas.token();
        }
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("x-ms-date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("x-ms-version", VERSION);
        if (extra != null) {
            headers.putAll(extra);
        }
        RequestBuilder request = RequestBuilder.create(method)
                .setUri(URI.create(origin + path + (fullQuery == null ? "" : "?" + fullQuery)));
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            request.setConfig(http.configFor(body.length));
        }
        if (signer != null) {
            // signed as Apache will send them: it adds Content-Length and Content-Type from the entity
            Map<String, String> signed = new TreeMap<>(headers);
            if (body != null) {
                signed.put("content-length", String.valueOf(body.length));
                signed.put("content-type", ContentType.APPLICATION_OCTET_STREAM.toString());
            }
            request.addHeader("Authorization", signer.authorization(method, path, query, signed));
        } else if (entra != null) {
            request.addHeader("Authorization", "Bearer " + entra.token(what));
        }
        try {
            return new Answer(http.client().execute(request.build()));
        } catch (IOException e) {
            throw AzureErrors.remote(what, e);
        }
    }

    /** A query parameter's name or value as it goes on the wire: percent-encoded, space as %20. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A blob name as a URL path: each '/'-separated segment encoded, the slashes kept. */
    static String encodePath(String name) {
        StringBuilder out = new StringBuilder(name.length() + 16);
        int start = 0;
        while (true) {
            int slash = name.indexOf('/', start);
            out.append(encode(slash < 0 ? name.substring(start) : name.substring(start, slash)));
            if (slash < 0) {
                return out.toString();
            }
            out.append('/');
            start = slash + 1;
        }
    }

    @Override
    public void close() throws IOException {
        http.client().close();
    }

    /** One Azure answer: Azure's faults come with an error code in a header or the body. */
    static final class Answer extends HttpAnswer {
        Answer(CloseableHttpResponse response) {
            super(response);
        }

        /**
         * Azure's error code: the {@code x-ms-error-code} header, which every error answer carries
         * (HEAD ones too, which have no body), else {@code <Error><Code>} from the body.
         */
        String errorCode() {
            String code = header("x-ms-error-code");
            if (code != null && !code.isBlank()) {
                return code.strip();
            }
            try {
                return StoreXml.errorCode(body());
            } catch (IOException | RuntimeException e) {
                return null; // the status alone still says what happened
            }
        }

        /** This answer as a fault: the status and Azure's error code. */
        RemoteException fault(String what) {
            return AzureErrors.remote(what, status(), errorCode());
        }
    }
}
