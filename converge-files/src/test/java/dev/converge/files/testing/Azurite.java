package dev.converge.files.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Azurite blob service on loopback, in memory, owned by the test JVM. Obtain one through
 * {@link AzuriteExtension}; it is stopped when the test run ends.
 */
public final class Azurite implements AutoCloseable {
    /** Azurite's well-known development account: public, documented, not a secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final Process process;
    private final int port;
    private final Path log;

    private Azurite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code azurite-blob} on a free port and waits until it accepts connections. */
    static Azurite start(Path executable, Path workDir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take the port between probe and bind
            int port = freePort();
            Path log = workDir.resolve("azurite-" + port + ".log");
            Process process = new ProcessBuilder(List.of(executable.toString(),
                    "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                    "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port)))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Azurite azurite = new Azurite(process, port, log);
            try {
                azurite.awaitListening();
                return azurite;
            } catch (IOException e) {
                azurite.close();
                last = e;
            }
        }
        throw last;
    }

    /** The HTTP port Azurite listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The blob service URL with the account in the path, as Azurite addresses accounts. */
    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** A connection string with the development account's key. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + endpoint() + ";";
    }

    /** A container name no other test in this run has used (the server is shared). */
    public String newContainerName(String hint) {
        String clean = hint.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        String name = clean + "-" + CONTAINERS.incrementAndGet();
        return name.length() <= 63 ? name : name.substring(name.length() - 63).replaceAll("^-+", "");
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                // Waiting on the process rather than sleeping: an Azurite that died ends the wait at once.
                if (exitedWithin(Duration.ofMillis(100))) {
                    throw new IOException("azurite-blob exited with " + process.exitValue() + " before listening on port "
                            + port + ":\n" + logText());
                }
            }
        }
        throw new IOException("azurite-blob did not listen on port " + port + " within " + START_TIMEOUT + ":\n" + logText());
    }

    private boolean exitedWithin(Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for azurite-blob", e);
        }
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops Azurite and whatever it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!exitedWithin(Duration.ofSeconds(10))) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
