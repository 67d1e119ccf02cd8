package dev.converge.files.s3;

import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * For the CLI's class-data-sharing training run ({@code dev.converge.cli.Training}): goes through
 * the lean S3 path's own work (resolving a connection, building the HTTP client, signing, reading a
 * listing page and an error body, listing in ranges) without any server or network, so that a real
 * S3 run finds those classes, the JDK's StAX parser (error bodies) and Apache HttpClient's among
 * them, in the archive.
 */
public final class S3Training {
    private static final String PAGE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>training</Name><Prefix>p%2F</Prefix>"
            + "<KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>p%2Fa+b.bin</Key>"
            + "<LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag>"
            + "<Size>1</Size><StorageClass>STANDARD</StorageClass></Contents><EncodingType>url</EncodingType></ListBucketResult>";
    private static final String ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
            + "<Message>training</Message></Error>";

    private S3Training() {
    }

    public static void run() throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "training", "AWS_SECRET_ACCESS_KEY", "training");
        S3Connection connection = S3Connection.resolve(new StoreSettings("http://127.0.0.1:9", false, Map.of(), env::get));
        try (S3Exchange exchange = new S3Exchange(connection)) {
            new SigV4Signer(connection.region()).authorization("GET", "/training", S3Exchange.canonicalQuery(Map.of("list-type", "2")),
                    new java.util.TreeMap<>(Map.of("host", "127.0.0.1:9", "x-amz-date", "20260101T000000Z")),
                    SigV4Signer.EMPTY_SHA256, "20260101T000000Z", connection.credentials().resolve());
            S3Xml.Page page = S3Xml.listPage(new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8)));
            // the ranges a no-op with recorded bases lists in, over the page just read
            new RangedListing((after, through, stop, sink) -> page.entries().forEach(
                    e -> sink.accept(new RemoteObject(e.key(), e.size(), e.etag(), null, null, e.lastModified()))), 2)
                    .list(List.of("m"), object -> { });
            S3Xml.errorCode(new ByteArrayInputStream(ERROR.getBytes(StandardCharsets.UTF_8)));
            S3Errors.remote("training", 404, "NoSuchKey", null, null);
            S3Errors.remote("training", new IOException("training"));
        }
    }
}
