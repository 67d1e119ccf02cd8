package dev.converge.files.s3;

import dev.converge.core.UsageException;
import dev.converge.files.store.StoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * How to reach one S3 (or S3-compatible) service: region, endpoint, addressing and credentials,
 * resolved from {@link StoreSettings} in the order AWS users expect; nothing here connects.
 *
 * <p>Settings read: {@code access_key_id}, {@code secret_access_key}, {@code session_token},
 * {@code profile}, {@code region}; environment read through {@link StoreSettings#env()}:
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_PROFILE}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL}. Anything else (instance roles, SSO, web identity) comes from the SDK's
 * default chain, loaded only then ({@link CredentialSource}).
 *
 * <p>The hot requests go through {@link S3Exchange}; {@link SdkClients} builds the SDK's client for
 * the rare ones (multipart uploads, creating a bucket), and only when one is needed.
 */
record S3Connection(String region, URI endpoint, boolean pathStyle, CredentialSource credentials) {

    static final String DEFAULT_REGION = "us-east-1";

    /** Resolves everything but does not connect. */
    static S3Connection resolve(StoreSettings settings) throws UsageException {
        String region = settings.get("region", "AWS_REGION");
        if (region == null) {
            region = settings.get("region", "AWS_DEFAULT_REGION");
        }
        URI endpoint = endpoint(settings);
        // S3-compatible stores rarely have wildcard DNS for bucket subdomains: path-style unless asked
        boolean pathStyle = endpoint != null && !settings.virtualHost();
        return new S3Connection(region == null ? DEFAULT_REGION : region.strip(), endpoint, pathStyle,
                credentials(settings));
    }

    private static URI endpoint(StoreSettings settings) throws UsageException {
        String raw = settings.endpoint();
        if (raw == null || raw.isBlank()) {
            raw = settings.get("endpoint", "AWS_ENDPOINT_URL_S3");
        }
        if (raw == null) {
            raw = settings.get("endpoint", "AWS_ENDPOINT_URL");
        }
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new UsageException("S3 endpoint '" + redact(uri) + "' must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("S3 endpoint is not a URL: " + e.getReason());
        }
    }

    private static CredentialSource credentials(StoreSettings settings) throws UsageException {
        S3Credentials explicit = keys(settings.values().get("access_key_id"),
                settings.values().get("secret_access_key"), settings.values().get("session_token"), "settings");
        if (explicit != null) {
            return CredentialSource.of(explicit);
        }
        String profile = settings.values().get("profile");
        if (profile != null && !profile.isBlank()) {
            return CredentialSource.profile(profile);
        }
        S3Credentials fromEnv = keys(settings.env().apply("AWS_ACCESS_KEY_ID"),
                settings.env().apply("AWS_SECRET_ACCESS_KEY"), settings.env().apply("AWS_SESSION_TOKEN"),
                "environment");
        if (fromEnv != null) {
            return CredentialSource.of(fromEnv);
        }
        return CredentialSource.defaultChain(settings.env().apply("AWS_PROFILE"));
    }

    private static S3Credentials keys(String id, String secret, String token, String where)
            throws UsageException {
        boolean hasId = id != null && !id.isBlank();
        boolean hasSecret = secret != null && !secret.isBlank();
        if (!hasId && !hasSecret) {
            return null;
        }
        if (hasId != hasSecret) {
            // name the missing half only: the other one may be a secret
            throw new UsageException("S3 credentials in the " + where + " have "
                    + (hasId ? "an access key id but no secret access key" : "a secret access key but no access key id"));
        }
        return new S3Credentials(id, secret, token == null || token.isBlank() ? null : token);
    }

    /**
     * Checks that some credentials can be found, before the first request: without any, the SDK
     * fails that request with a paragraph naming every provider of its chain, where a user needs
     * one line saying what to set.
     */
    void requireCredentials() throws UsageException {
        credentials.resolve();
    }

    /** Where requests go, for messages: the endpoint without any user info, or AWS's for the region. */
    String describeEndpoint() {
        return endpoint == null ? "https://s3." + region + ".amazonaws.com" : redact(endpoint);
    }

    private static String redact(URI uri) {
        // an endpoint URL may carry user:password@ – never repeat it
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT) + "://";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + uri.getHost() + port + path;
    }
}
