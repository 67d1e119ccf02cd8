package dev.converge.files.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 server for tests: S3Proxy started in-process on 127.0.0.1 and a free port, checking
 * AWS V2/V4 signatures against a test identity and credential. One server serves a whole test
 * class; tests stay apart by using their own bucket ({@link #newBucket()}).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final S3ProxyExtension S3 = new S3ProxyExtension();
 * </pre>
 *
 * <p>The default backend is S3Proxy's in-memory {@code transient-nio2}; {@link #onDisk()} keeps
 * objects in a temporary directory instead, for data too large for the heap. It speaks S3 only, so
 * it serves any client (converge's store, the CLI, rclone), and depends on nothing of converge.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    /** The access key id the server accepts. */
    public static final String ACCESS_KEY_ID = "converge-test";
    /** The secret access key the server accepts. */
    public static final String SECRET_ACCESS_KEY = "converge-test-secret";
    /** S3Proxy ignores the region, but signatures name one. */
    public static final String REGION = "us-east-1";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final boolean onDisk;
    private Path baseDir;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private URI endpoint;

    /** A server that keeps objects in memory. */
    public S3ProxyExtension() {
        this(false);
    }

    private S3ProxyExtension(boolean onDisk) {
        this.onDisk = onDisk;
    }

    /**
     * A server that keeps objects in a temporary directory, removed after the test class. Its
     * backend (S3Proxy's filesystem-nio2) may answer 500 to concurrent PUTs that create the same
     * directory, so use it for large objects, not for many small ones at once.
     */
    public static S3ProxyExtension onDisk() {
        return new S3ProxyExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) throws Exception {
        stop();
    }

    /** Starts the server; {@link #beforeAll} calls it, other harnesses may call it directly. */
    public void start() throws Exception {
        Properties properties = new Properties();
        String provider = "transient";
        if (onDisk) {
            baseDir = Files.createTempDirectory("s3proxy");
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            provider = "filesystem-nio2";
        }
        context = ContextBuilder.newBuilder(provider)
                .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .overrides(properties)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                // port 0: the OS picks a free one, so parallel test JVMs never collide
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        // Jetty's start() returns once the connector is bound; a different state means it failed
        if (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Stops the server and drops everything it held. */
    public void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
        if (baseDir != null) {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            baseDir = null;
        }
    }

    /** The server's URL, as {@code --endpoint} or {@code AWS_ENDPOINT_URL} would give it. */
    public URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("S3Proxy is not running");
        }
        return endpoint;
    }

    /**
     * The environment an AWS client needs to reach this server with the test credentials: access
     * key, secret, region and {@code AWS_ENDPOINT_URL}.
     */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
                "AWS_REGION", REGION,
                "AWS_ENDPOINT_URL", endpoint().toString());
    }

    /** Creates a bucket with a name no other test of this JVM uses, and returns the name. */
    public String newBucket() {
        String name = String.format(Locale.ROOT, "bucket-%d-%d", ProcessHandle.current().pid(), BUCKETS.incrementAndGet());
        createBucket(name);
        return name;
    }

    /** Creates a bucket on the server side, without going through S3. */
    public void createBucket(String name) {
        blobStore().createContainerInLocation(null, name);
    }

    /** Whether rclone, the independent witness, is installed here (CI installs it). */
    public static boolean rcloneInstalled() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "rclone")));
    }

    /**
     * {@code rclone check LOCAL witness:BUCKET_PATH} against this server, configured through rclone's
     * environment; its exit code (0: the two sides hold the same files).
     */
    public int rcloneCheck(Path local, String bucketPath) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("rclone", "check", "--config", "/dev/null", local.toString(),
                "witness:" + bucketPath));
        Map<String, String> e = pb.environment();
        e.remove("AWS_CA_BUNDLE"); // rclone 1.60 fails to load a CA bundle it does not need for http
        e.put("RCLONE_CONFIG_WITNESS_TYPE", "s3");
        e.put("RCLONE_CONFIG_WITNESS_PROVIDER", "Other");
        e.put("RCLONE_CONFIG_WITNESS_ENDPOINT", endpoint().toString());
        e.put("RCLONE_CONFIG_WITNESS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        e.put("RCLONE_CONFIG_WITNESS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        e.put("RCLONE_CONFIG_WITNESS_REGION", REGION);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rclone check did not finish in 60 s: " + out);
        }
        if (out.contains("ERROR : Attempt")) {
            // rclone retried a failing request: its verdict is about the server, not the content
            throw new IllegalStateException("rclone check could not read a side: " + out);
        }
        return p.exitValue();
    }

    /**
     * The server's storage, to inspect or arrange objects behind the S3 API's back (jclouds
     * {@link BlobStore}).
     */
    public BlobStore blobStore() {
        if (context == null) {
            throw new IllegalStateException("S3Proxy is not running");
        }
        return context.getBlobStore();
    }
}
