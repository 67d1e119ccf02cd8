package dev.converge.remotes;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTTP side of one remote's smart-HTTP exchange: its base URL (after redirects), the Basic
 * credentials it asked for, and requests whose connect and every read are bounded by the timeout.
 * The JDK keeps the connection alive between the advertisement and the push.
 *
 * <p>Credentials are sent only after the server asked (401), come from the URL's user and password
 * or else the {@link CredentialsProvider}, and never appear in a URL, message or log: requests go to
 * the URL without its user part, and messages name the remote by that URL.
 */
final class SmartHttp {
    /** Redirects followed on the advertisement (Git's {@code http.followRedirects=initial}); the push goes where it ended. */
    private static final int MAX_REDIRECTS = 5;
    private static final String AGENT = "git/converge";
    private final URIish remote;
    private final CredentialsProvider credentials;
    private final int timeoutMillis;
    private URI base;
    /** The Authorization header once the server asked for one; kept for the push on the same remote. */
    private String authorization;

    /** Thrown where JGit's own transport can do what this client does not: the caller falls back to it. */
    static final class NotHandled extends IOException {
        private static final long serialVersionUID = 1L;

        NotHandled(String message) {
            super(message);
        }
    }

    /** A response with a 2xx status, whose body the caller reads and closes. */
    record Response(HttpURLConnection connection, InputStream body) implements AutoCloseable {
        String contentType() {
            String type = connection.getContentType();
            return type == null ? "" : type.toLowerCase(Locale.ROOT);
        }

        /** Reads what is left of the body first: only a response read to its end lets the JDK reuse the connection. */
        @Override
        public void close() throws IOException {
            try (InputStream in = body) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** What a POST sends: a head written first, then a body that can be written again if the server asks for credentials. */
    interface Body {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    SmartHttp(URIish remote, CredentialsProvider credentials, Duration timeout) throws IOException {
        this.remote = remote;
        this.credentials = credentials;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try {
            String path = remote.getPath() == null ? "/" : remote.getPath();
            this.base = new URI(remote.getScheme(), null, remote.getHost(), remote.getPort(), path.endsWith("/") ? path : path + "/",
                    null, null);
        } catch (URISyntaxException e) {
            throw new IOException("not a valid HTTP URL: " + display(), e);
        }
    }

    private URI uri(URI origin, String path) throws IOException {
        try {
            return new URI(origin.getScheme(), null, origin.getHost(), origin.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IOException(display() + ": redirected to an invalid URL", e);
        }
    }

    /** The remote's URL without user or password, for messages. */
    String display() {
        return remote.setUser(null).setPass(null).toString();
    }

    /** GET {@code service} (relative to the base), following redirects and answering one 401 with credentials. */
    Response get(String pathAndQuery, String accept) throws IOException {
        URI target = base.resolve(pathAndQuery);
        for (int hop = 0; ; hop++) {
            HttpURLConnection c = open(target, "GET", accept);
            int code = c.getResponseCode();
            if (code == HttpURLConnection.HTTP_UNAUTHORIZED && authorization == null) {
                authorize(c);
                c = open(target, "GET", accept);
                code = c.getResponseCode();
            }
            if (code >= 300 && code < 400 && code != HttpURLConnection.HTTP_NOT_MODIFIED) {
                String location = c.getHeaderField("Location");
                discard(c);
                if (location == null || hop >= MAX_REDIRECTS) {
                    throw new IOException(display() + ": " + code + (location == null ? " redirect without a Location" : " too many redirects"));
                }
                URI next = target.resolve(location);
                String resource = pathAndQuery.split("\\?", 2)[0];
                if (next.getPath() == null || !next.getPath().endsWith("/" + resource)) {
                    throw new IOException(display() + ": " + code + " redirect to a URL that is not a Git repository's");
                }
                if (!sameOrigin(target, next)) {
                    // Credentials given to one host are not handed to another.
                    authorization = null;
                }
                String path = next.getPath();
                base = uri(next, path.substring(0, path.length() - resource.length()));
                target = next;
                continue;
            }
            return answer(c, code);
        }
    }

    /** POST to {@code service} under the base: {@code head}, then {@code body}, as one fixed-length request. */
    Response post(String service, String contentType, String accept, byte[] head, Body body) throws IOException {
        URI target = base.resolve(service);
        HttpURLConnection c = send(target, contentType, accept, head, body);
        int code = c.getResponseCode();
        if (code == HttpURLConnection.HTTP_UNAUTHORIZED && authorization == null) {
            authorize(c);
            c = send(target, contentType, accept, head, body);
            code = c.getResponseCode();
        }
        return answer(c, code);
    }

    private HttpURLConnection send(URI target, String contentType, String accept, byte[] head, Body body) throws IOException {
        HttpURLConnection c = open(target, "POST", accept);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        // The length is known, so the body goes out as it is: no buffer, no chunks, no gzip (a pack is deflated already).
        c.setFixedLengthStreamingMode(head.length + body.length());
        try (OutputStream out = c.getOutputStream()) {
            out.write(head);
            body.writeTo(out);
        }
        return c;
    }

    private HttpURLConnection open(URI target, String method, String accept) throws IOException {
        HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setRequestProperty("Accept", accept);
        c.setRequestProperty("User-Agent", AGENT);
        c.setRequestProperty("Pragma", "no-cache");
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        return c;
    }

    private Response answer(HttpURLConnection c, int code) throws IOException {
        if (code >= 200 && code < 300) {
            return new Response(c, c.getInputStream());
        }
        String reason = c.getResponseMessage();
        discard(c);
        String what = display() + ": " + code + (reason == null ? "" : " " + reason);
        if (code == HttpURLConnection.HTTP_UNAUTHORIZED) {
            throw new IOException(what + (authorization == null ? ": authentication required, and no credentials were found"
                    : ": the credentials were not accepted"));
        }
        if (code == HttpURLConnection.HTTP_FORBIDDEN) {
            throw new IOException(what + ": not permitted");
        }
        if (code == HttpURLConnection.HTTP_NOT_FOUND) {
            throw new NoRemoteRepositoryException(remote.setUser(null).setPass(null), "not found (404)");
        }
        throw new IOException(what);
    }

    /** Takes the 401's challenge: Basic with the URL's or the provider's credentials; anything else is left to JGit. */
    private void authorize(HttpURLConnection challenged) throws IOException {
        String challenge = challenged.getHeaderField("WWW-Authenticate");
        discard(challenged);
        if (challenge != null && !challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            throw new NotHandled(display() + ": asks for " + challenge.split(" ", 2)[0] + " authentication");
        }
        String user;
        char[] password;
        if (remote.getUser() != null && remote.getPass() != null) {
            user = remote.getUser();
            password = remote.getPass().toCharArray();
        } else {
            CredentialItem.Username u = new CredentialItem.Username();
            CredentialItem.Password p = new CredentialItem.Password();
            if (credentials == null || !credentials.supports(u, p) || !credentials.get(remote.setPass(null), u, p)) {
                throw new IOException(display() + ": 401 authentication required, and no credentials were found");
            }
            user = u.getValue();
            password = p.getValue() == null ? new char[0] : p.getValue().clone();
            p.clear();
        }
        byte[] pair = (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(password, '\0');
        authorization = "Basic " + Base64.getEncoder().encodeToString(pair);
        Arrays.fill(pair, (byte) 0);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** Reads and closes whatever body came, so the JDK can keep the connection for the next request. */
    private static void discard(HttpURLConnection c) {
        try (InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            c.disconnect();
        }
    }
}
