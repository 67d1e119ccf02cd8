package dev.converge.files.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean S3 path against answers S3Proxy never gives, shaped after the S3 API reference
 * (ListObjectsV2 and Error responses): throttling, server errors, a bucket in another region, a
 * connection reset, URL-encoded listings over two pages.
 */
class S3ExchangeTest {
    private static final String SECRET = "secret-" + ProcessHandle.current().pid();
    private static final String TOKEN = "token-" + ProcessHandle.current().pid();

    private WireMockServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void slowDownAndServerErrorsAreTransientAndNamed() throws Exception {
        server.stubFor(put(urlPathEqualTo("/bkt/p/slow.txt")).willReturn(aResponse().withStatus(503)
                .withBody(error("SlowDown", "Please reduce your request rate."))));
        server.stubFor(put(urlPathEqualTo("/bkt/p/broken.txt")).willReturn(aResponse().withStatus(500)
                .withBody(error("InternalError", "We encountered an internal error. Please try again."))));
        server.stubFor(put(urlPathEqualTo("/bkt/p/many.txt")).willReturn(aResponse().withStatus(429)));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.upload(upload("slow.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).isEqualTo("s3://bkt/p/slow.txt: upload: 503 Service Unavailable (SlowDown)");
                    });
            assertThatThrownBy(() -> store.upload(upload("broken.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).endsWith("500 Internal Server Error (InternalError)");
                    });
            assertThatThrownBy(() -> store.upload(upload("many.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.isTransient()).isTrue());
        }
    }

    @Test
    void retryAfterOnSlowDownOr429IsCarriedToTheEnginesRetry() throws Exception {
        server.stubFor(put(urlPathEqualTo("/bkt/p/slow.txt")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "7").withBody(error("SlowDown", "Please reduce your request rate."))));
        server.stubFor(put(urlPathEqualTo("/bkt/p/many.txt")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(10)))));
        server.stubFor(put(urlPathEqualTo("/bkt/p/plain.txt")).willReturn(aResponse().withStatus(503)));
        server.stubFor(put(urlPathEqualTo("/bkt/p/denied.txt")).willReturn(aResponse().withStatus(403)
                .withHeader("Retry-After", "7").withBody(error("AccessDenied", "Access Denied"))));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.upload(upload("slow.txt")))
                    .isInstanceOfSatisfying(RemoteException.class,
                            e -> assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(7)));
            assertThatThrownBy(() -> store.upload(upload("many.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
                            d -> assertThat(d).isBetween(java.time.Duration.ofMinutes(9), java.time.Duration.ofMinutes(10))));
            assertThatThrownBy(() -> store.upload(upload("plain.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.retryAfter()).isEmpty());
            // not to be retried at all: a wait means nothing there
            assertThatThrownBy(() -> store.upload(upload("denied.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.retryAfter()).isEmpty());
        }
    }

    @Test
    void accessDeniedIsNamedNotTransientAndCarriesNoSecret() throws Exception {
        server.stubFor(get(urlPathEqualTo("/bkt")).willReturn(aResponse().withStatus(403)
                .withBody(error("AccessDenied", "Access Denied"))));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.list(o -> { }))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).isEqualTo("s3://bkt/p: list: 403 Forbidden (credentials lack permission) (AccessDenied)")
                                .doesNotContain(SECRET, TOKEN);
                    });
        }
    }

    @Test
    void bucketInAnotherRegionIsAUsageErrorThatNamesIt() throws Exception {
        // HeadBucket has no body: S3 answers 301 with the bucket's region in a header
        server.stubFor(head(urlPathEqualTo("/bkt")).willReturn(aResponse().withStatus(301)
                .withHeader("x-amz-bucket-region", "eu-west-1")));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.open(false))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("is in region eu-west-1, not us-east-1")
                    .hasMessageContaining("AWS_REGION=eu-west-1");
        }
    }

    @Test
    void missingBucketInAListingIsNamed() throws Exception {
        server.stubFor(get(urlPathEqualTo("/bkt")).willReturn(aResponse().withStatus(404)
                .withBody(error("NoSuchBucket", "The specified bucket does not exist"))));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.list(o -> { }))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).endsWith("404 Not Found (NoSuchBucket)");
                    });
        }
    }

    @Test
    void connectionResetIsTransient() throws Exception {
        server.stubFor(put(urlPathEqualTo("/bkt/p/reset.txt")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (ObjectStore store = store()) {
            assertThatThrownBy(() -> store.upload(upload("reset.txt")))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).startsWith("s3://bkt/p/reset.txt: upload: ");
                    });
        }
    }

    @Test
    void putSendsContentMd5MetadataSignedPayloadAndSessionToken() throws Exception {
        server.stubFor(put(urlPathEqualTo("/bkt/p/a%20b%2Bc.txt"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\"")));
        Path file = Files.writeString(dir.resolve("a"), "a");
        Upload upload = Upload.unhashed("a b+c.txt", file, 1,
                Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS));
        try (ObjectStore store = store()) {
            RemoteObject written = store.upload(upload);

            String sha = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
            assertThat(written.etag()).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
            assertThat(written.sha256()).isEqualTo(sha);
            server.verify(putRequestedFor(urlPathEqualTo("/bkt/p/a%20b%2Bc.txt"))
                    .withHeader("Content-MD5", equalTo("DMF1ucDxtqgxw5niaXcmYQ=="))
                    .withHeader("x-amz-meta-convergesha256", equalTo(sha))
                    .withHeader("x-amz-content-sha256", equalTo(sha))
                    .withHeader("x-amz-security-token", equalTo(TOKEN))
                    .withHeader("Expect", absent())
                    .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=content-md5;host;x-amz-content-sha256;x-amz-date;x-amz-meta-convergesha256;"
                            + "x-amz-security-token, Signature=[0-9a-f]{64}")));
        }
    }

    @Test
    void urlEncodedListingOverTwoPagesIsDecodedAndFollowsTheToken() throws Exception {
        String token = "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=";
        server.stubFor(get(urlPathEqualTo("/bkt")).withQueryParam("continuation-token", absent())
                .willReturn(aResponse().withStatus(200).withBody(listing(true, token, true,
                        contents("p/a+b%2Bc.txt", 3, "\"900150983cd24fb0d6963f7d28e17f72\""),
                        contents("p/folder/", 0, "\"d41d8cd98f00b204e9800998ecf8427e\"")))));
        server.stubFor(get(urlPathEqualTo("/bkt")).withQueryParam("continuation-token", equalTo(token))
                .willReturn(aResponse().withStatus(200).withBody(listing(false, null, true,
                        contents("p/%C3%BC/%E2%82%AC.txt", 5, "\"c6d5f1f7c1c1b1b8e1e1f1e1a1b1c1d1-2\"")))));
        try (ObjectStore store = store()) {
            List<RemoteObject> listed = new ArrayList<>();
            store.list(listed::add);

            assertThat(listed).extracting(RemoteObject::key).containsExactly("a b+c.txt", "ü/€.txt");
            assertThat(listed.get(0).contentMd5()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
            assertThat(listed.get(0).size()).isEqualTo(3);
            assertThat(listed.get(0).lastModified()).hasToString("2026-11-23T14:15:16Z");
            // a multipart ETag is no MD5 of the content
            assertThat(listed.get(1).contentMd5()).isNull();
            server.verify(2, getRequestedFor(urlPathEqualTo("/bkt")).withQueryParam("list-type", equalTo("2"))
                    .withQueryParam("prefix", equalTo("p/")).withQueryParam("encoding-type", equalTo("url")));
        }
    }

    @Test
    void aListingThatIgnoredUrlEncodingKeepsKeysAsSent() throws Exception {
        server.stubFor(get(urlPathEqualTo("/bkt")).willReturn(aResponse().withStatus(200)
                .withBody(listing(false, null, false, contents("p/a+b%20.txt", 1, "\"0cc175b9c0f1b6a831c399e269772661\"")))));
        try (ObjectStore store = store()) {
            List<RemoteObject> listed = new ArrayList<>();
            store.list(listed::add);
            assertThat(listed).extracting(RemoteObject::key).containsExactly("a+b%20.txt");
        }
    }

    // ---- helpers

    private ObjectStore store() throws Exception {
        Map<String, String> values = Map.of("access_key_id", "AKIDTEST", "secret_access_key", SECRET, "session_token", TOKEN);
        StoreSettings settings = new StoreSettings(server.baseUrl(), false, values, Map.<String, String>of()::get);
        return new S3StoreProvider().create(StoreTarget.parse("s3://bkt/p"), settings);
    }

    private Upload upload(String name) throws Exception {
        byte[] content = name.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve(name), content);
        return new Upload(name, file, content.length, ContentReader.md5(content), SigV4Signer.sha256Hex(content));
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>" + code + "</Code>\n  <Message>" + message
                + "</Message>\n  <Resource>/bkt/p</Resource>\n  <RequestId>4442587FB7D0A2F9</RequestId>\n</Error>";
    }

    private static String contents(String key, long size, String etag) {
        return "<Contents><Key>" + key + "</Key><LastModified>2026-11-23T14:15:16.000Z</LastModified><ETag>" + etag.replace("\"", "&quot;")
                + "</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><Size>" + size + "</Size>"
                + "<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>me</DisplayName></Owner>"
                + "<StorageClass>STANDARD</StorageClass></Contents>";
    }

    /** EncodingType after the entries, as S3 may order it: the reader must not decide before the end. */
    private static String listing(boolean truncated, String next, boolean encoded, String... contents) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>bkt</Name><Prefix>p%2F</Prefix><KeyCount>" + contents.length + "</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>" + truncated + "</IsTruncated>" + String.join("", contents)
                + "<CommonPrefixes><Prefix>p%2Fx%2F</Prefix></CommonPrefixes>"
                + (encoded ? "<EncodingType>url</EncodingType>" : "")
                + (next == null ? "" : "<NextContinuationToken>" + next + "</NextContinuationToken>")
                + "</ListBucketResult>";
    }
}
