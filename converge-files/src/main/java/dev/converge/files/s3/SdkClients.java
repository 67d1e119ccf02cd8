package dev.converge.files.s3;

import dev.converge.files.http.PlainHttpOnlySocketFactory;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the AWS SDK's S3 client for a connection, for the requests the lean {@link S3Exchange}
 * does not make (multipart uploads, creating a bucket). Kept apart so that no SDK class loads in
 * a run that never needs one: building the client costs about two seconds of CPU.
 */
final class SdkClients {
    private static final int MAX_CONNECTIONS = 256;

    private SdkClients() {
    }

    /** The SDK's view of the same credentials. */
    private static AwsCredentialsProvider credentials(S3Connection connection) {
        S3Credentials fixed = connection.credentials().fixed();
        if (fixed == null) {
            return connection.credentials().chain().provider();
        }
        return StaticCredentialsProvider.create(fixed.sessionToken() == null
                ? AwsBasicCredentials.create(fixed.accessKeyId(), fixed.secretAccessKey())
                : AwsSessionCredentials.create(fixed.accessKeyId(), fixed.secretAccessKey(), fixed.sessionToken()));
    }

    /** A client for this connection; the SDK never retries, since the engine does. */
    static S3Client client(S3Connection connection) {
        URI endpoint = connection.endpoint();
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        if (endpoint != null && endpoint.getScheme().equalsIgnoreCase("http")) {
            http.socketFactory(new PlainHttpOnlySocketFactory());
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials(connection))
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
            builder.endpointOverride(endpoint).forcePathStyle(connection.pathStyle());
        }
        return builder.build();
    }

}
