package dev.converge.files.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import dev.converge.files.testing.S3ProxyExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link S3Store} against a real S3 server (S3Proxy on loopback), checked through a separate plain
 * SDK client as a witness, so the store is never asked to vouch for itself.
 */
class S3StoreTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static S3Client witness;

    @TempDir
    Path dir;

    @BeforeAll
    static void witness() {
        witness = S3Client.builder()
                .endpointOverride(S3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(S3ProxyExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyExtension.ACCESS_KEY_ID, S3ProxyExtension.SECRET_ACCESS_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterAll
    static void closeWitness() {
        witness.close();
    }

    @Test
    void listsPagesUnderThePrefixOnlyAndDeletes() throws Exception {
        String bucket = S3.newBucket();
        // neighbours that share the prefix's first characters must not leak into the listing
        witness.putObject(r -> r.bucket(bucket).key("notes-old/a.txt"), RequestBody.fromString("x"));
        witness.putObject(r -> r.bucket(bucket).key("notes"), RequestBody.fromString("x"));
        int count = 1_005; // more than one page of 1,000
        try (ObjectStore store = store(bucket, "notes")) {
            store.open(false);
            // most objects are put in behind S3's back, which is quick; a few go through the store
            Map<String, String> md5ByKey = seed(bucket, "notes/", count - 5);
            for (int i = count - 5; i < count; i++) {
                String key = "d" + (i % 10) + "/f" + String.format("%04d", i) + ".txt";
                Upload upload = upload(key, write("f" + i, ("content " + i).getBytes(StandardCharsets.UTF_8)));
                store.upload(upload);
                md5ByKey.put(key, upload.md5());
            }

            Map<String, RemoteObject> listed = listAll(store);

            assertThat(listed.keySet()).isEqualTo(md5ByKey.keySet());
            RemoteObject one = listed.get("d3/f1003.txt");
            assertThat(one.etag()).isEqualTo(md5ByKey.get("d3/f1003.txt"));
            assertThat(one.contentMd5()).isEqualTo(one.etag());
            assertThat(one.sha256()).isNull();
            assertThat(one.size()).isEqualTo("content 1003".length());
            assertThat(one.lastModified()).isNotNull();
            assertThat(listed.get("d7/f0007.txt").etag()).isEqualTo(md5ByKey.get("d7/f0007.txt"));

            store.delete("d7/f0007.txt");
            store.delete("d7/f0007.txt"); // already gone: not an error
            store.delete("never/was.txt");

            assertThat(listAll(store)).hasSize(count - 1).doesNotContainKey("d7/f0007.txt");
        }
    }

    @Test
    void listsTheWholeBucketWithoutPrefix() throws Exception {
        String bucket = S3.newBucket();
        try (ObjectStore store = store(bucket, "")) {
            store.upload(upload("top.txt", write("top.txt", "top".getBytes(StandardCharsets.UTF_8))));
            store.upload(upload("a/b/c.txt", write("c.txt", "c".getBytes(StandardCharsets.UTF_8))));

            assertThat(listAll(store)).containsOnlyKeys("top.txt", "a/b/c.txt");
            assertThat(witness.headObject(r -> r.bucket(bucket).key("a/b/c.txt")).contentLength()).isEqualTo(1);
        }
    }

    @Test
    void smallFileGoesUpWholeWithItsHashes() throws Exception {
        String bucket = S3.newBucket();
        byte[] content = randomBytes(100_000, 1);
        Upload upload = upload("docs/small.bin", write("small.bin", content));
        try (ObjectStore store = store(bucket, "p")) {
            RemoteObject written = store.upload(upload);

            assertThat(download(bucket, "p/docs/small.bin")).isEqualTo(content);
            assertThat(written.etag()).isEqualTo(upload.md5());
            assertThat(written.contentMd5()).isEqualTo(upload.md5());
            assertThat(store.sha256("docs/small.bin")).contains(upload.sha256());
            assertThat(written.sha256()).isEqualTo(upload.sha256());
            // a listing carries no metadata: the SHA-256 is what the upload says it sent
            assertThat(listAll(store).get("docs/small.bin"))
                    .usingRecursiveComparison().ignoringFields("lastModified", "sha256").isEqualTo(written);
        }
    }

    @Test
    void fileAboveTheExpectContinueThresholdGoesUpWholeAndAnUnhashedOneIsHashedOnTheWay() throws Exception {
        String bucket = S3.newBucket();
        // over 1 MiB: the lean PUT waits for 100 Continue; under the 8 MiB part size: still one PutObject
        byte[] content = randomBytes(3 * 1024 * 1024 + 17, 7);
        Path file = write("mid.bin", content);
        try (ObjectStore store = store(bucket, "p")) {
            RemoteObject written = store.upload(unhashed("mid.bin", file));

            Upload expected = upload("mid.bin", file);
            assertThat(download(bucket, "p/mid.bin")).isEqualTo(content);
            assertThat(written.etag()).isEqualTo(expected.md5());
            assertThat(witness.headObject(r -> r.bucket(bucket).key("p/mid.bin")).metadata())
                    .containsEntry(ObjectStore.SHA256_METADATA, expected.sha256());
        }
    }

    @Test
    void emptyFileGoesUp() throws Exception {
        String bucket = S3.newBucket();
        Upload upload = upload("empty", write("empty", new byte[0]));
        try (ObjectStore store = store(bucket, "p")) {
            RemoteObject written = store.upload(upload);

            assertThat(written.size()).isZero();
            assertThat(download(bucket, "p/empty")).isEmpty();
            assertThat(store.sha256("empty")).contains(upload.sha256());
        }
    }

    @Test
    void largeFileGoesUpInPartsWithItsHashes() throws Exception {
        String bucket = S3.newBucket();
        // three parts of 5 MiB, the last one short
        byte[] content = randomBytes(2 * S3Store.MIN_PART_SIZE + 123_457, 2);
        Upload upload = upload("big.bin", write("big.bin", content));
        try (ObjectStore store = store(bucket, "p", Map.of("part_size", "5MiB"))) {
            RemoteObject written = store.upload(upload);

            byte[] back = download(bucket, "p/big.bin");
            assertThat(ContentReader.md5(back)).isEqualTo(upload.md5());
            assertThat(written.etag()).endsWith("-3");
            assertThat(written.contentMd5()).isNull();
            assertThat(store.sha256("big.bin")).contains(upload.sha256());
            assertThat(written.sha256()).isEqualTo(upload.sha256());
            assertThat(listAll(store).get("big.bin"))
                    .usingRecursiveComparison().ignoringFields("lastModified", "sha256").isEqualTo(written);
            assertThat(witness.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void rewritingAnObjectChangesItsEtag() throws Exception {
        String bucket = S3.newBucket();
        try (ObjectStore store = store(bucket, "p")) {
            RemoteObject first = store.upload(upload("f", write("f1", "one".getBytes(StandardCharsets.UTF_8))));
            RemoteObject second = store.upload(upload("f", write("f2", "two".getBytes(StandardCharsets.UTF_8))));

            assertThat(second.etag()).isNotEqualTo(first.etag());
            assertThat(download(bucket, "p/f")).asString(StandardCharsets.UTF_8).isEqualTo("two");
        }
    }

    @Test
    void serverVerifiesTheContentMd5() throws Exception {
        String bucket = S3.newBucket();
        Path file = write("f", "what is really there".getBytes(StandardCharsets.UTF_8));
        Upload real = upload("f", file);
        // an MD5 that does not match the bytes: S3 must refuse the object, not store it
        Upload wrongMd5 = new Upload("f", file, real.size(), ContentReader.md5(new byte[] {1}), real.sha256());
        try (ObjectStore store = store(bucket, "p")) {
            assertThatThrownBy(() -> store.upload(wrongMd5))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("s3://" + bucket + "/p/f", "BadDigest");
                    });
            assertNoObject(bucket, "p/f");
        }
    }

    @Test
    void oneStoreServesManyUploadsAtOnce() throws Exception {
        String bucket = S3.newBucket();
        Map<String, Upload> uploads = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            String key = "dir" + (i % 4) + "/file" + i;
            uploads.put(key, upload(key, write("c" + i, randomBytes(1000 + i, i))));
        }
        try (ObjectStore store = store(bucket, "p");
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RemoteObject>> results = new ArrayList<>();
            for (Upload u : uploads.values()) {
                results.add(pool.submit(() -> store.upload(u)));
            }
            for (Future<RemoteObject> r : results) {
                RemoteObject written = r.get();
                assertThat(written.etag()).isEqualTo(uploads.get(written.key()).md5());
            }
            assertThat(listAll(store).keySet()).isEqualTo(uploads.keySet());
        }
    }

    @Test
    void aNewFileIsHashedInTheReadThatSendsIt() throws Exception {
        String bucket = S3.newBucket();
        byte[] small = randomBytes(70_000, 5);
        byte[] large = randomBytes(2 * S3Store.MIN_PART_SIZE + 99, 6);
        try (ObjectStore store = store(bucket, "p", Map.of("part_size", "5MiB"))) {
            for (byte[] content : List.of(small, large)) {
                Path file = write("n.bin", content);
                Upload hashed = upload("n.bin", file);
                RemoteObject written = store.upload(unhashed("n.bin", file));

                assertThat(download(bucket, "p/n.bin")).isEqualTo(content);
                assertThat(written.sha256()).isEqualTo(hashed.sha256());
                assertThat(store.sha256("n.bin")).contains(hashed.sha256());
                if (content == small) {
                    // one PutObject: the Content-MD5 the server checked is the MD5 of the same read
                    assertThat(written.etag()).isEqualTo(hashed.md5());
                }
            }
        }
    }

    @Test
    void aNewFileWrittenWhileItIsSentLeavesNothingBehind() throws Exception {
        String bucket = S3.newBucket();
        Path file = write("moving.bin", randomBytes(2 * S3Store.MIN_PART_SIZE + 10, 7));
        Upload planned = unhashed("moving.bin", file);
        // written after its stat: same size, a later mtime
        Files.write(file, randomBytes(2 * S3Store.MIN_PART_SIZE + 10, 8));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Path small = write("moving-small.bin", new byte[] {1, 2, 3});
        Upload plannedSmall = unhashed("moving-small.bin", small);
        Files.setLastModifiedTime(small, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        try (ObjectStore store = store(bucket, "p", Map.of("part_size", "5MiB"))) {
            assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class);
            assertThatThrownBy(() -> store.upload(plannedSmall)).isInstanceOf(FileChangedException.class);

            assertNoObject(bucket, "p/moving.bin");
            assertNoObject(bucket, "p/moving-small.bin");
            assertThat(witness.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void fileChangedDuringMultipartUploadLeavesNothingBehind() throws Exception {
        String bucket = S3.newBucket();
        Path file = write("big.bin", randomBytes(2 * S3Store.MIN_PART_SIZE + 10, 3));
        Upload planned = upload("big.bin", file);
        // same size, other bytes: what the reader finds differs from what was planned
        Files.write(file, randomBytes(2 * S3Store.MIN_PART_SIZE + 10, 4));
        try (ObjectStore store = store(bucket, "p", Map.of("part_size", "5MiB"))) {
            assertThatThrownBy(() -> store.upload(planned))
                    .isInstanceOf(FileChangedException.class)
                    .hasMessageContaining("big.bin");

            assertNoObject(bucket, "p/big.bin");
            assertThat(witness.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void fileChangedBeforeSinglePutLeavesNothingBehind() throws Exception {
        String bucket = S3.newBucket();
        Path file = write("small.txt", "before".getBytes(StandardCharsets.UTF_8));
        Upload planned = upload("small.txt", file);
        Files.writeString(file, "after, and longer");
        try (ObjectStore store = store(bucket, "p")) {
            assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class);

            assertNoObject(bucket, "p/small.txt");
        }
    }

    @Test
    void fileThatVanishedIsAFileChange() throws Exception {
        String bucket = S3.newBucket();
        Path file = write("gone.txt", "x".getBytes(StandardCharsets.UTF_8));
        Upload planned = upload("gone.txt", file);
        Files.delete(file);
        try (ObjectStore store = store(bucket, "p")) {
            assertThatThrownBy(() -> store.upload(planned))
                    .isInstanceOf(FileChangedException.class)
                    .hasMessageContaining("vanished");
            assertNoObject(bucket, "p/gone.txt");
        }
    }

    @Test
    void missingBucketIsAUsageErrorUnlessCreateIsAsked() throws Exception {
        String bucket = "missing-" + ProcessHandle.current().pid();
        try (ObjectStore store = store(bucket, "p")) {
            assertThatThrownBy(() -> store.open(false))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("bucket '" + bucket + "' does not exist at " + S3.endpoint() + "; use --create to create it");

            store.open(true);
            store.open(false);

            assertThat(witness.listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
            assertThat(listAll(store)).isEmpty();
        }
    }

    @Test
    void wrongSecretIsForbiddenAndNotTransient() throws Exception {
        String bucket = S3.newBucket();
        String secret = "not-the-secret-" + ProcessHandle.current().pid();
        Map<String, String> values = Map.of("access_key_id", S3ProxyExtension.ACCESS_KEY_ID, "secret_access_key", secret);
        try (ObjectStore store = store(bucket, "p", values)) {
            assertThat(store.describe()).isEqualTo("s3://" + bucket + "/p");

            assertThatThrownBy(() -> store.open(false))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains(bucket, "403 Forbidden").doesNotContain(secret);
                    });
            // the server closes the connection after each refusal: the next request must not trip over it
            for (int i = 0; i < 3; i++) {
                Upload upload = upload("f" + i, write("f" + i, new byte[] {1}));
                assertThatThrownBy(() -> store.upload(upload))
                        .isInstanceOfSatisfying(RemoteException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.isTransient()).isFalse();
                            assertThat(e.getMessage()).contains("s3://" + bucket + "/p/f").doesNotContain(secret);
                        });
            }
        }
    }

    @Test
    void unreachableEndpointIsTransient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StoreSettings settings = new StoreSettings("http://127.0.0.1:" + port, false, Map.of(), S3.environment()::get);
        try (ObjectStore store = new S3StoreProvider().create(StoreTarget.parse("s3://bkt/p"), settings)) {
            assertThatThrownBy(() -> store.open(false))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).contains("bucket 'bkt'");
                    });
        }
    }

    @Test
    void rejectsKeysS3CannotHold() throws Exception {
        String bucket = S3.newBucket();
        try (ObjectStore store = store(bucket, "p")) {
            // the limit counts the prefix "p/" too, in UTF-8 bytes
            assertThat(store.rejectKey("a".repeat(1022))).isEmpty();
            assertThat(store.rejectKey("a".repeat(1023))).get().asString().contains("1025 bytes");
            assertThat(store.rejectKey("é".repeat(511))).isEmpty();
            assertThat(store.rejectKey("é".repeat(511) + "a")).get().asString().contains("1025 bytes");
            assertThat(store.rejectKey("bell\u0007.txt")).get().asString().contains("U+0007");
            assertThat(store.rejectKey("a/../b")).isPresent();
            assertThat(store.rejectKey("a/./b")).isPresent();
            assertThat(store.rejectKey("broken\uD800.txt")).isPresent();
            assertThat(store.rejectKey("")).isPresent();
            assertThat(store.rejectKey("ünïcödé/ file with spaces & +plus%.txt")).isEmpty();

            Upload tooLong = upload("a".repeat(1023), write("long", new byte[] {1}));
            assertThatThrownBy(() -> store.upload(tooLong)).isInstanceOf(ConvergeException.class).hasMessageContaining("1025 bytes");
        }
    }

    @Test
    void keysWithUnusualCharactersRoundTrip() throws Exception {
        String bucket = S3.newBucket();
        String key = "ünïcödé/ file with spaces & +plus%.txt";
        try (ObjectStore store = store(bucket, "p")) {
            store.upload(upload(key, write("u", "u".getBytes(StandardCharsets.UTF_8))));

            assertThat(listAll(store)).containsOnlyKeys(key);
            assertThat(store.sha256(key)).isPresent();
            store.delete(key);
            assertThat(listAll(store)).isEmpty();
        }
    }

    // ---- helpers

    private ObjectStore store(String bucket, String prefix) throws ConvergeException {
        return store(bucket, prefix, Map.of());
    }

    private ObjectStore store(String bucket, String prefix, Map<String, String> values) throws ConvergeException {
        StoreSettings settings = new StoreSettings(S3.endpoint().toString(), false, values, S3.environment()::get);
        String target = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return new S3StoreProvider().create(StoreTarget.parse(target), settings);
    }

    /** Puts small objects straight into the server's storage; returns their MD5s by relative key. */
    private static Map<String, String> seed(String bucket, String prefix, int count) {
        Map<String, String> md5ByKey = new HashMap<>();
        BlobStore blobs = S3.blobStore();
        for (int i = 0; i < count; i++) {
            String key = "d" + (i % 10) + "/f" + String.format("%04d", i) + ".txt";
            byte[] content = ("content " + i).getBytes(StandardCharsets.UTF_8);
            blobs.putBlob(bucket, blobs.blobBuilder(prefix + key).payload(content).build());
            md5ByKey.put(key, ContentReader.md5(content));
        }
        return md5ByKey;
    }

    private static Map<String, RemoteObject> listAll(ObjectStore store) throws ConvergeException {
        Map<String, RemoteObject> listed = new HashMap<>();
        store.list(o -> assertThat(listed.put(o.key(), o)).as("listed twice: %s", o.key()).isNull());
        return listed;
    }

    private byte[] download(String bucket, String key) {
        return witness.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    private void assertNoObject(String bucket, String key) {
        assertThatThrownBy(() -> witness.headObject(r -> r.bucket(bucket).key(key)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(witness.listObjectsV2(r -> r.bucket(bucket)).contents()).noneMatch(o -> o.key().equals(key));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, name.replace('/', '_'), ".tmp");
        Files.write(file, content);
        return file;
    }

    private static Upload upload(String key, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        return new Upload(key, file, content.length, ContentReader.md5(content), hex("SHA-256", content));
    }

    private static Upload unhashed(String key, Path file) throws IOException {
        return Upload.unhashed(key, file, Files.size(file),
                Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
