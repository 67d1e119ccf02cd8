package dev.converge.files.s3;

import com.sun.net.httpserver.HttpServer;
import dev.converge.files.http.StoreXml;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * For the CLI's class-data-sharing training run ({@code dev.converge.cli.Training}): goes through
 * the lean S3 path's own work (resolving a connection, building the HTTP client, signing, reading a
 * listing page and an error body, a listing in ranges over loopback) without any server outside
 * this process, so that a real S3 run finds those classes, the JDK's StAX parser (error bodies) and
 * Apache HttpClient's among them, in the archive.
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
            S3Xml.listPage(new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8)));
            StoreXml.errorCode(new ByteArrayInputStream(ERROR.getBytes(StandardCharsets.UTF_8)));
            S3Errors.remote("training", 404, "NoSuchKey", null, null);
            S3Errors.remote("training", new IOException("training"));
        }
        overLoopback(env);
    }

    /**
     * A no-op's requests through the real client against a loopback server that answers every
     * request with 200 and the page: sockets, the connection pool, the ranges' virtual threads.
     * About 200 classes that a no-op otherwise loads from the jar or the JDK's modules.
     */
    private static void overLoopback(Map<String, String> env) throws Exception {
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(200, head ? -1 : page.length);
                if (!head) {
                    exchange.getResponseBody().write(page);
                }
            }
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            StoreSettings settings = new StoreSettings(endpoint, false, Map.of(), env::get);
            try (ObjectStore store = new S3StoreProvider().create(StoreTarget.parse("s3://training/p"), settings)) {
                store.open(false);
                store.list(List.of("m"), 2, object -> { });
            }
        } finally {
            server.stop(0);
        }
    }
}
