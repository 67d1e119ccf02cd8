package dev.converge.files.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Our SigV4 against the AWS SDK's own signer ({@link AwsV4HttpSigner}) as the independent witness:
 * same request, credentials and clock must give the same Authorization header.
 */
class SigV4SignerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T14:15:16Z");
    private static final String ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void putObjectWithUnusualKeyMetadataAndSessionTokenSignsAsTheSdkDoes() {
        byte[] body = "hello, S3".getBytes(StandardCharsets.UTF_8);
        String key = "p/ünïcödé/ file with spaces & +plus%.txt";
        String path = "/bucket/" + SigV4Signer.uriEncode(key, true);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("content-md5", "XUFAKrxLKna5cZ2REBfFkg==");
        extra.put("x-amz-meta-convergesha256", SigV4Signer.sha256Hex(body));
        S3Credentials session = new S3Credentials(ID, SECRET, "FwoGZXIvYXdzEJr//session+token/=");

        String ours = ours("PUT", "127.0.0.1:9000", path, Map.of(), extra, SigV4Signer.sha256Hex(body), session, "us-east-1");
        String sdk = sdk(SdkHttpMethod.PUT, 9000, path, Map.of(), extra, body, session, "us-east-1");

        assertThat(ours).isEqualTo(sdk).contains("x-amz-security-token");
        assertThat(path).contains("%C3%BC", "%20file%20with%20spaces%20%26%20%2Bplus%25.txt").doesNotContain("+");
    }

    @Test
    void listingWithContinuationTokenSignsAsTheSdkDoes() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("prefix", "notes/a b+c/");
        query.put("max-keys", "1000");
        query.put("encoding-type", "url");
        query.put("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
        S3Credentials keys = new S3Credentials(ID, SECRET, null);

        String ours = ours("GET", "127.0.0.1:9000", "/bucket", query, Map.of(), SigV4Signer.EMPTY_SHA256, keys, "eu-west-3");
        String sdk = sdk(SdkHttpMethod.GET, 9000, "/bucket", query, Map.of(), null, keys, "eu-west-3");

        assertThat(ours).isEqualTo(sdk).contains("/eu-west-3/s3/aws4_request").doesNotContain("x-amz-security-token");
    }

    @Test
    void signingKeyCachedForOneDayIsRederivedOnTheNextAndForANewSecret() {
        SigV4Signer signer = new SigV4Signer("us-east-1");
        S3Credentials keys = new S3Credentials(ID, SECRET, null);
        S3Credentials rotated = new S3Credentials(ID, SECRET + "2", null);
        SortedMap<String, String> headers = new TreeMap<>(Map.of("host", "h", "x-amz-date", "x"));
        String today = signer.authorization("GET", "/b", "", headers, SigV4Signer.EMPTY_SHA256, "20261123T000000Z", keys);
        String tomorrow = signer.authorization("GET", "/b", "", headers, SigV4Signer.EMPTY_SHA256, "20261124T000000Z", keys);
        String other = signer.authorization("GET", "/b", "", headers, SigV4Signer.EMPTY_SHA256, "20261124T000000Z", rotated);

        assertThat(new SigV4Signer("us-east-1").authorization("GET", "/b", "", headers, SigV4Signer.EMPTY_SHA256,
                "20261124T000000Z", keys)).isEqualTo(tomorrow);
        assertThat(today).isNotEqualTo(tomorrow);
        assertThat(other).isNotEqualTo(tomorrow);
        assertThat(rotated.toString()).doesNotContain(SECRET);
    }

    private static String ours(String method, String host, String path, Map<String, String> query, Map<String, String> extra,
                               String payloadHash, S3Credentials credentials, String region) {
        String amzDate = SigV4Signer.amzDate(NOW);
        SortedMap<String, String> headers = new TreeMap<>(extra);
        headers.put("host", host);
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", payloadHash);
        if (credentials.sessionToken() != null) {
            headers.put("x-amz-security-token", credentials.sessionToken());
        }
        return new SigV4Signer(region).authorization(method, path, S3Exchange.canonicalQuery(query), headers, payloadHash,
                amzDate, credentials);
    }

    private static String sdk(SdkHttpMethod method, int port, String path, Map<String, String> query, Map<String, String> extra,
                              byte[] body, S3Credentials credentials, String region) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).protocol("http").host("127.0.0.1").port(port)
                .encodedPath(path);
        query.forEach(request::putRawQueryParameter);
        extra.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .identity(identity)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256"))
                .contains(body == null ? SigV4Signer.EMPTY_SHA256 : SigV4Signer.sha256Hex(body));
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
