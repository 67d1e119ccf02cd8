package dev.converge.repos.provider;

import dev.converge.repos.host.HostLimits;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every REST-listed provider takes (API url, token, SSH or HTTPS clones, and how
 * rate limits are waited out), shared so each provider's builder adds only what is its own.
 *
 * @param <B> the concrete builder, so chained setters keep their type
 */
public abstract class RestProviderBuilder<B extends RestProviderBuilder<B>> {
    final String name;
    URI apiUrl;
    String token;
    boolean ssh;
    HttpClient httpClient;
    Pause pause = Pause.SLEEP;
    Clock clock = Clock.systemUTC();
    Duration maxWait = Duration.ofMinutes(2);
    HostLimits hostLimits = HostLimits.unlimited();

    RestProviderBuilder(String name, URI defaultUrl) {
        this.name = name;
        this.apiUrl = defaultUrl;
    }

    /** This builder as its own type, so chained setters keep it. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** The API root, for a self-hosted server. */
    public B url(URI apiUrl) {
        this.apiUrl = apiUrl;
        return self();
    }

    /** The access token; sent to the API and to Git as a password, never logged. */
    public B token(String token) {
        this.token = token == null || token.isBlank() ? null : token;
        return self();
    }

    /** Clone over SSH instead of HTTPS. */
    public B ssh(boolean ssh) {
        this.ssh = ssh;
        return self();
    }

    public B httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return self();
    }

    /** How to wait out rate limits; tests record instead of sleeping. */
    public B pause(Pause pause) {
        this.pause = pause;
        return self();
    }

    public B clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /** The longest rate-limit wait converge sits through before reporting instead. */
    public B maxWait(Duration maxWait) {
        this.maxWait = maxWait;
        return self();
    }

    /** The per-host limits the run shares, so API calls count against their host's permits. */
    public B hostLimits(HostLimits hostLimits) {
        this.hostLimits = hostLimits;
        return self();
    }

    /**
     * The provider's HTTP access: converge's User-Agent, the API's {@code accept} type, then the
     * provider's own {@code headers} (authorisation, API version) when it has any.
     */
    ProviderHttp http(String type, String accept, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", accept);
        all.put("User-Agent", "converge");
        all.putAll(headers);
        return new ProviderHttp(type + " provider '" + name + "'", client(), all, this);
    }

    /** An HTTP Basic credential. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpClient client() {
        // No redirects: the JDK client would resend the Authorization header to wherever they point.
        return httpClient != null ? httpClient : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** Turns scp-like {@code git@host:o/r.git} into the {@code ssh://} form a URI can hold. */
    static URI sshUri(String scpLike) {
        int colon = scpLike.indexOf(':');
        if (scpLike.contains("://") || colon < 0) {
            return URI.create(scpLike);
        }
        return URI.create("ssh://" + scpLike.substring(0, colon) + "/" + scpLike.substring(colon + 1));
    }
}
