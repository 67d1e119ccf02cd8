package dev.converge.files.s3;

import dev.converge.core.UsageException;
import dev.converge.files.store.StoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach one S3 (or S3-compatible) service: region, endpoint, addressing and credentials,
 * resolved from {@link StoreSettings} in the order AWS users expect, and the client built from them.
 *
 * <p>Settings read: {@code access_key_id}, {@code secret_access_key}, {@code session_token},
 * {@code profile}, {@code region}; environment read through {@link StoreSettings#env()}:
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_PROFILE}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL}. Anything else (instance roles, SSO, web identity) comes from the SDK's
 * default chain.
 */
record S3Connection(Region region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {

    static final String DEFAULT_REGION = "us-east-1";
    private static final int MAX_CONNECTIONS = 256;

    /** Resolves everything but does not connect. */
    static S3Connection resolve(StoreSettings settings) throws UsageException {
        String region = settings.get("region", "AWS_REGION");
        if (region == null) {
            region = settings.get("region", "AWS_DEFAULT_REGION");
        }
        URI endpoint = endpoint(settings);
        // S3-compatible stores rarely have wildcard DNS for bucket subdomains: path-style unless asked
        boolean pathStyle = endpoint != null && !settings.virtualHost();
        return new S3Connection(Region.of(region == null ? DEFAULT_REGION : region), endpoint, pathStyle,
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

    private static AwsCredentialsProvider credentials(StoreSettings settings) throws UsageException {
        AwsCredentialsProvider explicit = keys(settings.values().get("access_key_id"),
                settings.values().get("secret_access_key"), settings.values().get("session_token"), "settings");
        if (explicit != null) {
            return explicit;
        }
        String profile = settings.values().get("profile");
        if (profile != null && !profile.isBlank()) {
            return ProfileCredentialsProvider.builder().profileName(profile).build();
        }
        AwsCredentialsProvider fromEnv = keys(settings.env().apply("AWS_ACCESS_KEY_ID"),
                settings.env().apply("AWS_SECRET_ACCESS_KEY"), settings.env().apply("AWS_SESSION_TOKEN"),
                "environment");
        if (fromEnv != null) {
            return fromEnv;
        }
        // The SDK's chain also covers profiles, SSO, web identity, container and instance roles;
        // AWS_PROFILE is passed on because the chain itself reads only the process environment.
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        String envProfile = settings.env().apply("AWS_PROFILE");
        if (envProfile != null && !envProfile.isBlank()) {
            chain.profileName(envProfile);
        }
        return chain.build();
    }

    private static AwsCredentialsProvider keys(String id, String secret, String token, String where)
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
        AwsCredentials credentials = token == null || token.isBlank()
                ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token);
        return StaticCredentialsProvider.create(credentials);
    }

    /**
     * Checks that some credentials can be found, before the first request: without any, the SDK
     * fails that request with a paragraph naming every provider of its chain, where a user needs
     * one line saying what to set.
     */
    void requireCredentials() throws UsageException {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            if (S3Errors.isMissingCredentials(e)) {
                throw new UsageException(S3Errors.NO_CREDENTIALS);
            }
            throw new UsageException("S3 credentials could not be loaded: " + S3Errors.firstLine(e.getMessage()));
        }
    }

    /** A client for this connection; the SDK never retries, since the engine does. */
    S3Client client() {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        if (endpoint != null && endpoint.getScheme().equalsIgnoreCase("http")) {
            http.socketFactory(new PlainHttpOnlySocketFactory());
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                // Apache: pure Java, and it pools connections properly, where HttpURLConnection keeps
                // five idle ones per host for the whole JVM and hands out connections the server has
                // closed. CRT was as fast per request but extracts a native library and forks on every
                // start: 4 s of a one-file push at load 6, against rclone's whole run in under 1 s.
                .httpClientBuilder(http
                        // the engine's file concurrency times each file's parts; beyond it requests queue
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .connectionAcquisitionTimeout(Duration.ofMinutes(5))
                        // a connection that moves nothing for a minute is dead
                        .socketTimeout(Duration.ofSeconds(60)))
                // S3-compatible stores often reject the newer flexible checksums (CRC32 trailers);
                // converge sends Content-MD5 itself, which every store verifies
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // over plain http the SDK signs payloads; aws-chunked signing is slower and not every
                // S3-compatible store speaks it (https sends UNSIGNED-PAYLOAD either way)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new ExpectContinueInterceptor()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(pathStyle);
        }
        return builder.build();
    }

    /** Where requests go, for messages: the endpoint without any user info, or AWS's for the region. */
    String describeEndpoint() {
        return endpoint == null ? "https://s3." + region.id() + ".amazonaws.com" : redact(endpoint);
    }

    private static String redact(URI uri) {
        // an endpoint URL may carry user:password@ – never repeat it
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT) + "://";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + uri.getHost() + port + path;
    }
}
