package dev.converge.files.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Our Shared Key signature against the Azure SDK's own ({@link StorageSharedKeyCredential}), the
 * independent witness, for the requests the lean path sends.
 */
class SharedKeySignerTest {
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = ConnectionString.DEV_KEY;
    private static final String DATE = "Mon, 23 Nov 2026 16:30:00 GMT";

    @Test
    void aListingPageIsSignedAsTheSdkSignsIt() throws Exception {
        assertSameAsSdk("GET", "http://127.0.0.1:10000/devstoreaccount1/c?restype=container&comp=list&prefix=p%2Fa%20b%2B"
                + "&maxresults=5000&include=metadata&marker=2%21100%21MDAwMDQ2IXAvZDAwMS9mMDAxMi5iaW4h", Map.of());
    }

    @Test
    void aPutBlobWithMd5AndMetadataIsSignedAsTheSdkSignsIt() throws Exception {
        assertSameAsSdk("PUT", "http://127.0.0.1:10000/devstoreaccount1/c/p/" + AzureExchange.encodePath("a b+c ü%€!'()*~.txt"),
                Map.of("content-length", "3", "content-type", "application/octet-stream",
                        "content-md5", "kAFQmDzST7DWlj99KOF/cg==", "x-ms-blob-content-md5", "kAFQmDzST7DWlj99KOF/cg==",
                        "x-ms-blob-type", "BlockBlob",
                        "x-ms-meta-convergesha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void anEmptyBodyIsSignedWithAnEmptyLengthAsTheSdkDoes() throws Exception {
        assertSameAsSdk("PUT", "https://acct.blob.core.windows.net/c/empty.txt",
                Map.of("content-length", "0", "content-type", "application/octet-stream", "x-ms-blob-type", "BlockBlob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "HEAD"})
    void deleteAndPropertiesAreSignedAsTheSdkSignsThem(String method) throws Exception {
        assertSameAsSdk(method, "https://acct.blob.core.windows.net/c/dir/" + AzureExchange.encodePath("x y.bin"),
                method.equals("DELETE") ? Map.of("x-ms-delete-snapshots", "include") : Map.of());
    }

    @Test
    void randomNamesAndPrefixesAreSignedAsTheSdkSignsThem() throws Exception {
        Random random = new Random(42);
        String alphabet = "abcXYZ019 +%&=?#/!'()*~-_.üé€中😀";
        for (int i = 0; i < 200; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(20);
            while (name.length() < length) {
                name.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String n = name.toString();
            assertSameAsSdk("PUT", "https://acct.blob.core.windows.net/c/" + AzureExchange.encodePath(n),
                    Map.of("content-length", String.valueOf(i), "x-ms-blob-type", "BlockBlob"));
            assertSameAsSdk("GET", "https://acct.blob.core.windows.net/c?restype=container&comp=list&prefix="
                    + AzureExchange.encode(n) + "&marker=" + AzureExchange.encode(n), Map.of());
        }
    }

    private static void assertSameAsSdk(String method, String url, Map<String, String> extra) throws Exception {
        String account = url.contains("127.0.0.1") ? ACCOUNT : "acct";
        TreeMap<String, String> headers = new TreeMap<>(extra);
        headers.put("x-ms-date", DATE);
        headers.put("x-ms-version", AzureExchange.VERSION);
        // A bodiless request sends no Content-Length, which the service reads as empty; the SDK's
        // helper, unlike its pipeline, would sign a missing one as "null": both get "0", signed as empty.
        headers.putIfAbsent("content-length", "0");
        URI uri = URI.create(url);

        String ours = new SharedKeySigner(account, KEY).authorization(method, uri.getRawPath(), uri.getRawQuery(), headers);

        String sdk = new StorageSharedKeyCredential(account, KEY).generateAuthorizationHeader(uri.toURL(), method, headers);
        assertThat(ours).as(method + " " + url).isEqualTo(sdk).startsWith("SharedKey " + account + ":");
    }

    @Test
    void theKeyIsUsedDecodedNotAsText() {
        String key = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        TreeMap<String, String> headers = new TreeMap<>(Map.of("x-ms-date", DATE));
        assertThat(new SharedKeySigner("a", key).authorization("GET", "/c", null, headers))
                .isNotEqualTo(new SharedKeySigner("a", KEY).authorization("GET", "/c", null, headers))
                .doesNotContain(key);
    }
}
