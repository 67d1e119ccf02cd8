package dev.converge.files.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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

import com.azure.core.credential.AccessToken;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.converge.core.ExitCode;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean Azure path against answers Azurite never gives, shaped after the Azure Storage REST
 * reference (List Blobs, Put Blob, Delete Blob, Get Blob Properties, and the error response:
 * an {@code x-ms-error-code} header and an {@code <Error><Code>} body): throttling, server errors,
 * authentication failures, a connection reset, a listing over two pages with an encoded name.
 */
class AzureExchangeTest {
    private static final String KEY = ConnectionString.DEV_KEY;
    private static final String SAS = "sv=2025-11-05&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00%3A00%3A00Z&sig=SECRETSIG"
            + ProcessHandle.current().pid();

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
    void aMissingContainerIsAUsageErrorNamingIt() throws Exception {
        server.stubFor(get(urlPathEqualTo("/acct/ctr")).willReturn(error(404, "ContainerNotFound", "The specified container does not exist.")));
        try (ObjectStore store = store(keySettings())) {
            assertThatThrownBy(() -> store.open(false)).isInstanceOf(ContainerMissingException.class)
                    .hasMessage("container 'ctr' does not exist at " + endpoint() + "; use --create to create it")
                    .extracting(e -> ((UsageException) e).exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Test
    void authenticationAndAuthorizationFailuresAreNamedNotTransientAndCarryNoSecret() throws Exception {
        server.stubFor(get(urlPathEqualTo("/acct/ctr")).willReturn(error(403, "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly")));
        server.stubFor(head(urlPathEqualTo("/acct/ctr/p/x.txt")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ms-error-code", "AuthorizationFailure")));
        try (ObjectStore store = store(keySettings())) {
            assertThatThrownBy(() -> store.open(false)).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).isEqualTo("cannot list container 'ctr' at " + endpoint()
                        + ": 403 Forbidden (credentials lack permission) [AuthenticationFailed]; check the Azure credentials")
                        .doesNotContain(KEY);
            });
            assertThatThrownBy(() -> store.list(o -> { })).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).isEqualTo("listing azure://ctr/p failed: 403 Forbidden (credentials lack permission)"
                        + " [AuthenticationFailed]");
            });
            // a HEAD answer has no body: the code comes from the header
            assertThatThrownBy(() -> store.sha256("x.txt")).isInstanceOfSatisfying(RemoteException.class, e ->
                    assertThat(e.getMessage()).endsWith("403 Forbidden (credentials lack permission) [AuthorizationFailure]"));
        }
    }

    @Test
    void serverBusyThrottlingAndInternalErrorsAreTransientAndNamed() throws Exception {
        server.stubFor(put(urlPathEqualTo("/acct/ctr/p/busy.txt")).willReturn(error(503, "ServerBusy",
                "The server is currently unable to receive requests. Please retry your request.")));
        server.stubFor(put(urlPathEqualTo("/acct/ctr/p/broken.txt")).willReturn(error(500, "InternalError",
                "The server encountered an internal error. Please retry the request.")));
        server.stubFor(put(urlPathEqualTo("/acct/ctr/p/many.txt")).willReturn(error(429, "ServerBusy", "Operations per second is over the account limit.")));
        try (ObjectStore store = store(keySettings())) {
            assertThatThrownBy(() -> store.upload(upload("busy.txt"))).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).isEqualTo("upload of 'busy.txt' to azure://ctr/p failed: 503 Service Unavailable [ServerBusy]");
            });
            assertThatThrownBy(() -> store.upload(upload("broken.txt"))).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).endsWith("[InternalError]");
            });
            assertThatThrownBy(() -> store.upload(upload("many.txt"))).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.isTransient()).isTrue();
            });
        }
    }

    @Test
    void aConnectionResetIsTransient() throws Exception {
        server.stubFor(put(urlPathEqualTo("/acct/ctr/p/reset.txt")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (ObjectStore store = store(keySettings())) {
            assertThatThrownBy(() -> store.upload(upload("reset.txt"))).isInstanceOfSatisfying(RemoteException.class, e -> {
                assertThat(e.status()).isZero();
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).startsWith("upload of 'reset.txt' to azure://ctr/p failed: ");
            });
        }
    }

    @Test
    void putBlobSendsContentMd5TheSha256AndASharedKeySignature() throws Exception {
        server.stubFor(put(urlPathEqualTo("/acct/ctr/p/a%20b%2Bc.txt")).willReturn(aResponse().withStatus(201)
                .withHeader("ETag", "\"0x8DD2B1C2E3F4A5B\"").withHeader("Last-Modified", "Mon, 23 Nov 2026 14:15:16 GMT")
                .withHeader("Content-MD5", "DMF1ucDxtqgxw5niaXcmYQ==")));
        Path file = Files.writeString(dir.resolve("a"), "a");
        Upload upload = Upload.unhashed("a b+c.txt", file, 1, Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
        try (ObjectStore store = store(keySettings())) {
            RemoteObject written = store.upload(upload);

            String sha = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
            assertThat(written.etag()).isEqualTo("0x8DD2B1C2E3F4A5B");
            assertThat(written.contentMd5()).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
            assertThat(written.sha256()).isEqualTo(sha);
            assertThat(written.lastModified()).hasToString("2026-11-23T14:15:16Z");
            server.verify(putRequestedFor(urlPathEqualTo("/acct/ctr/p/a%20b%2Bc.txt"))
                    .withHeader("Content-MD5", equalTo("DMF1ucDxtqgxw5niaXcmYQ=="))
                    .withHeader("x-ms-blob-content-md5", equalTo("DMF1ucDxtqgxw5niaXcmYQ=="))
                    .withHeader("x-ms-blob-type", equalTo("BlockBlob"))
                    .withHeader("x-ms-meta-convergesha256", equalTo(sha))
                    .withHeader("x-ms-version", equalTo(AzureExchange.VERSION))
                    .withHeader("Content-Type", equalTo("application/octet-stream"))
                    .withHeader("Authorization", matching("SharedKey acct:[A-Za-z0-9+/]{43}=")));
        }
    }

    @Test
    void aListingOverTwoPagesFollowsTheMarkerAndDecodesEncodedNames() throws Exception {
        String marker = "2!100!MDAwMDE2IXAvYi50eHQhMDAwMDI4ITk5OTktMTItMzFUMjM6NTk6NTkuOTk5OTk5OVoh";
        String sha = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        server.stubFor(get(urlPathEqualTo("/acct/ctr")).withQueryParam("marker", absent()).willReturn(aResponse().withStatus(200)
                .withBody(listing(marker,
                        blob("p/a+b.txt", false, 3, "kAFQmDzST7DWlj99KOF/cg==", "<convergesha256>" + sha + "</convergesha256>"),
                        blob("p/", false, 0, "", ""),
                        blob("p/not%20sha.txt", false, 1, "", "<convergesha256>not-a-sha</convergesha256><other>x</other>")))));
        server.stubFor(get(urlPathEqualTo("/acct/ctr")).withQueryParam("marker", equalTo(marker)).willReturn(aResponse().withStatus(200)
                .withBody(listing(null, blob("p/%C3%BC/tab%09.txt", true, 5, "", "")))));
        try (ObjectStore store = store(keySettings())) {
            List<RemoteObject> listed = new ArrayList<>();
            store.list(listed::add);

            assertThat(listed).extracting(RemoteObject::key).containsExactly("a+b.txt", "not%20sha.txt", "ü/tab\t.txt");
            RemoteObject first = listed.get(0);
            assertThat(first.size()).isEqualTo(3);
            assertThat(first.contentMd5()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
            assertThat(first.sha256()).isEqualTo(sha.toLowerCase());
            assertThat(first.etag()).isEqualTo("0x8DD2B1C2E3F4A5B");
            assertThat(first.lastModified()).hasToString("2026-11-23T14:15:16Z");
            assertThat(listed.get(1).sha256()).isNull();
            assertThat(listed.get(1).contentMd5()).isNull();
            server.verify(2, getRequestedFor(urlPathEqualTo("/acct/ctr")).withQueryParam("restype", equalTo("container"))
                    .withQueryParam("comp", equalTo("list")).withQueryParam("prefix", equalTo("p/"))
                    .withQueryParam("include", equalTo("metadata")).withQueryParam("maxresults", equalTo("5000")));
        }
    }

    @Test
    void deletingWhatIsGoneIsFineAndPropertiesOfWhatIsGoneAreEmpty() throws Exception {
        server.stubFor(delete(urlPathEqualTo("/acct/ctr/p/gone.txt")).willReturn(error(404, "BlobNotFound", "The specified blob does not exist.")));
        server.stubFor(head(urlPathEqualTo("/acct/ctr/p/gone.txt")).willReturn(aResponse().withStatus(404)
                .withHeader("x-ms-error-code", "BlobNotFound")));
        server.stubFor(head(urlPathEqualTo("/acct/ctr/p/there.txt")).willReturn(aResponse().withStatus(200)
                .withHeader("x-ms-meta-convergesha256", "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")));
        try (ObjectStore store = store(keySettings())) {
            store.delete("gone.txt");
            assertThat(store.sha256("gone.txt")).isEmpty();
            assertThat(store.sha256("there.txt")).contains("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
            server.verify(deleteRequestedFor(urlPathEqualTo("/acct/ctr/p/gone.txt")).withHeader("x-ms-delete-snapshots", equalTo("include")));
        }
    }

    @Test
    void aSasGoesInTheQueryAndNeverIntoMessages() throws Exception {
        server.stubFor(get(urlPathEqualTo("/acct/ctr")).willReturn(error(403, "AuthorizationPermissionMismatch",
                "This request is not authorized to perform this operation using this permission.")));
        StoreSettings settings = new StoreSettings(endpoint(), false, Map.of("sas", "?" + SAS), Map.<String, String>of()::get);
        try (ObjectStore store = store(settings)) {
            assertThatThrownBy(() -> store.list(o -> { })).isInstanceOfSatisfying(RemoteException.class, e ->
                    assertThat(e.getMessage()).endsWith("[AuthorizationPermissionMismatch]").doesNotContain("sig=", "SECRETSIG"));
            server.verify(getRequestedFor(urlPathEqualTo("/acct/ctr")).withQueryParam("sig", equalTo("SECRETSIG" + ProcessHandle.current().pid()))
                    .withQueryParam("sv", equalTo("2025-11-05")).withHeader("Authorization", absent()));
        }
        // the signature alone, wherever it might be echoed, is masked too
        assertThat(dev.converge.core.secret.Redactor.global().redact("sig was SECRETSIG" + ProcessHandle.current().pid()))
                .isEqualTo("sig was " + dev.converge.core.secret.Redactor.MASK);
    }

    @Test
    void anEntraTokenGoesAsBearerAndIsFetchedOnceWhileValid() throws Exception {
        server.stubFor(head(urlPathEqualTo("/acct/ctr/p/x.txt")).willReturn(aResponse().withStatus(404)));
        int[] fetched = {0};
        EntraToken tokens = new EntraToken(() -> request -> {
            assertThat(request.getScopes()).containsExactly(EntraToken.SCOPE);
            fetched[0]++;
            return reactor.core.publisher.Mono.just(new AccessToken("token-" + fetched[0], OffsetDateTime.now().plusHours(1)));
        });
        Connection connection = Connection.open(StoreTarget.parse("azure://ctr/p"),
                new StoreSettings(endpoint(), false, Map.of(), Map.<String, String>of()::get));
        assertThat(connection.auth()).isInstanceOf(AzureAuth.Entra.class);
        try (AzureExchange exchange = new AzureExchange(connection, tokens)) {
            for (int i = 0; i < 2; i++) {
                try (AzureExchange.Answer answer = exchange.send("HEAD", "p/x.txt", null, null, null, "reading")) {
                    assertThat(answer.status()).isEqualTo(404);
                }
            }
        }
        server.verify(2, com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlPathEqualTo("/acct/ctr/p/x.txt"))
                .withHeader("Authorization", equalTo("Bearer token-1")).withHeader("x-ms-version", equalTo(AzureExchange.VERSION)));
        assertThat(fetched[0]).isEqualTo(1);

        EntraToken failing = new EntraToken(() -> request -> {
            throw new IllegalStateException("DefaultAzureCredential failed: EnvironmentCredential, ManagedIdentityCredential, …");
        });
        assertThatThrownBy(() -> failing.token("listing azure://ctr")).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).startsWith("listing azure://ctr failed: no Azure credentials").doesNotContain("ManagedIdentity");
        });
    }

    // ---- helpers

    private String endpoint() {
        return server.baseUrl() + "/acct";
    }

    private StoreSettings keySettings() {
        return new StoreSettings(endpoint(), false, Map.of("account", "acct", "key", KEY), Map.<String, String>of()::get);
    }

    private static ObjectStore store(StoreSettings settings) throws Exception {
        return new AzureStoreProvider().create(StoreTarget.parse("azure://ctr/p"), settings);
    }

    private Upload upload(String name) throws Exception {
        byte[] content = name.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve(name), content);
        return new Upload(name, file, content.length, Fixtures.md5(content), Fixtures.sha256(content));
    }

    /** Azure's error answer: the code in a header and in the body. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("x-ms-error-code", code)
                .withHeader("Content-Type", "application/xml")
                .withBody("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "\nRequestId:e3b1c2d4-501e-0042-1c3a-0e1f2a000000\nTime:2026-11-23T14:15:16.1234567Z</Message></Error>");
    }

    private static String blob(String name, boolean encoded, long size, String md5, String metadata) {
        return "<Blob><Name" + (encoded ? " Encoded=\"true\"" : "") + ">" + name + "</Name><Properties>"
                + "<Creation-Time>Mon, 23 Nov 2026 14:15:16 GMT</Creation-Time><Last-Modified>Mon, 23 Nov 2026 14:15:16 GMT</Last-Modified>"
                + "<Etag>0x8DD2B1C2E3F4A5B</Etag><Content-Length>" + size + "</Content-Length>"
                + "<Content-Type>application/octet-stream</Content-Type><Content-Encoding /><Content-Language />"
                + "<Content-CRC64 /><Content-MD5>" + md5 + "</Content-MD5><Cache-Control /><Content-Disposition />"
                + "<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred>"
                + "<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted>"
                + "</Properties><Metadata>" + metadata + "</Metadata><OrMetadata /></Blob>";
    }

    private String listing(String nextMarker, String... blobs) {
        return "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"" + endpoint()
                + "/\" ContainerName=\"ctr\"><Prefix>p/</Prefix><MaxResults>5000</MaxResults><Blobs>" + String.join("", blobs)
                + "<BlobPrefix><Name>p/sub/</Name></BlobPrefix></Blobs>"
                + (nextMarker == null ? "<NextMarker />" : "<NextMarker>" + nextMarker + "</NextMarker>") + "</EnumerationResults>";
    }
}
