package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ExitCode;
import dev.converge.core.RemoteException;
import dev.converge.core.state.SqliteStateStore;
import dev.converge.core.state.StateStore;
import dev.converge.files.s3.S3StoreProvider;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.testing.S3ProxyExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FilesPush} to a real S3 server (S3Proxy on loopback) with the bases cut into small listing
 * ranges, so that a tree of a few dozen files is listed in many parallel ranges; what others
 * changed in the bucket between two pushes must be seen exactly as a plain listing would see it.
 * The server's own storage is the witness, and {@code rclone check} where rclone is installed.
 */
class FilesPushS3RangesTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir
    Path tmp;
    Path src;
    String bucket;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        bucket = S3.newBucket();
        for (int i = 0; i < 60; i++) {
            write("d" + (i % 4) + "/f" + String.format("%02d", i) + ".txt", "content " + i);
        }
        write("ünï/cödé.txt", "non-ASCII");
        write("a b/c+d.txt", "spaces and plus");
    }

    @Test
    void changesMadeBehindConvergesBackAreSeenInEveryRange() throws Exception {
        PushResult first = push(UnaryOperator.identity());
        assertThat(first.exitCode()).isEqualTo(ExitCode.CONVERGED);
        assertThat(first.report().count("uploaded")).isEqualTo(62);

        PushResult noop = push(UnaryOperator.identity());
        assertThat(noop.report().items()).isEmpty();
        assertThat(noop.report().count("unchanged")).isEqualTo(62);

        // Another tool deletes objects (the first and last keys, and a run in the middle, cut keys
        // among them: every 7th base is one), rewrites one, and adds its own before, between and
        // after converge's keys.
        BlobStore blobs = S3.blobStore();
        List<String> gone = List.of("a b/c+d.txt", "d0/f00.txt", "d1/f05.txt", "d1/f09.txt", "d1/f13.txt", "d1/f17.txt",
                "ünï/cödé.txt");
        for (String key : gone) {
            blobs.removeBlob(bucket, "p/" + key);
        }
        blobs.putBlob(bucket, blobs.blobBuilder("p/d2/f10.txt").payload("rewritten by someone else".getBytes(StandardCharsets.UTF_8)).build());
        for (String foreign : List.of("0-first", "d1/f05.txt~", "d3/zz", "zzz/last")) {
            blobs.putBlob(bucket, blobs.blobBuilder("p/" + foreign).payload(foreign.getBytes(StandardCharsets.UTF_8)).build());
        }

        PushResult repair = push(p -> p.setDelete(true));
        assertThat(repair.exitCode()).isEqualTo(ExitCode.CONVERGED);
        // every deleted object is restored, the rewritten one put back, every foreign one removed
        assertThat(repair.report().count("uploaded")).isEqualTo(gone.size() + 1);
        assertThat(repair.report().count("deleted")).isEqualTo(4);
        assertThat(repair.report().count("deleted_locally")).isZero();
        assertThat(repair.report().items()).filteredOn(i -> i.action().equals("delete") && i.outcome().equals("ok"))
                .extracting(i -> i.id()).containsExactlyInAnyOrder("0-first", "d1/f05.txt~", "d3/zz", "zzz/last");
        assertThat(remote()).isEqualTo(local());

        PushResult after = push(UnaryOperator.identity());
        assertThat(after.report().items()).isEmpty();
        assertThat(after.report().count("unchanged")).isEqualTo(62);
        if (S3ProxyExtension.rcloneInstalled()) {
            assertThat(S3.rcloneCheck(src, bucket + "/p")).isZero();
        }
    }

    @Test
    void aListingThatFailsEndsTheRunWithNothingWritten() throws Exception {
        push(UnaryOperator.identity());
        Path stateFile = tmp.resolve("state.db");
        long runsBefore = runs(stateFile);
        write("d0/new.txt", "new");
        Map<String, String> wrong = Map.of("access_key_id", S3ProxyExtension.ACCESS_KEY_ID, "secret_access_key", "wrong");
        StoreSettings settings = new StoreSettings(S3.endpoint().toString(), false, wrong, S3.environment()::get);
        try (ObjectStore store = new S3StoreProvider().create(StoreTarget.parse("s3://" + bucket + "/p"), settings);
             StateStore state = SqliteStateStore.open(stateFile)) {
            // open() is a HEAD and fails first; the ranged listing's own failure is S3RangedListingTest's
            assertThatThrownBy(() -> new FilesPush(src, store, state).setListRange(7).setConcurrency(4).call())
                    .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.status()).isEqualTo(403));
        }
        assertThat(runs(stateFile)).isEqualTo(runsBefore);
        assertThat(S3.blobStore().blobExists(bucket, "p/d0/new.txt")).isFalse();
    }

    private PushResult push(UnaryOperator<FilesPush> options) throws Exception {
        StoreSettings settings = new StoreSettings(S3.endpoint().toString(), false, Map.of(), S3.environment()::get);
        try (ObjectStore store = new S3StoreProvider().create(StoreTarget.parse("s3://" + bucket + "/p"), settings);
             StateStore state = SqliteStateStore.open(tmp.resolve("state.db"))) {
            return options.apply(new FilesPush(src, store, state).setListRange(7).setConcurrency(4)).call();
        }
    }

    private long runs(Path stateFile) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + stateFile);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM runs")) {
            return rs.getLong(1);
        }
    }

    private void write(String id, String content) throws IOException {
        Path f = src.resolve(id);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private Map<String, String> local() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(src.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }

    private Map<String, String> remote() throws IOException {
        Map<String, String> objects = new TreeMap<>();
        BlobStore blobs = S3.blobStore();
        for (StorageMetadata m : blobs.list(bucket, ListContainerOptions.Builder.prefix("p/").recursive())) {
            try (InputStream in = blobs.getBlob(bucket, m.getName()).getPayload().openStream()) {
                objects.put(m.getName().substring(2), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return objects;
    }
}
