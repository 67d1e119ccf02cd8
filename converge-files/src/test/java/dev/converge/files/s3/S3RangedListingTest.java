package dev.converge.files.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.files.TreeScanner;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.testing.S3ProxyExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 listing cut into parallel ranges ({@link RangedListing} through {@link S3Store}) against a
 * real server (S3Proxy on loopback): whatever the cut keys, and whatever changed behind the store's
 * back since they were taken, it yields exactly what one plain listing yields, in the same order.
 */
class S3RangedListingTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    /** Keys with '/', spaces, '+', non-ASCII: where byte order and naive order could part. */
    private static final List<String> ODD = List.of("a b/c", "a+b", "a/b", "a/b/c", "é/ü.txt", "日本/語.bin", "z~",
            "zz/ñ", "A", "a%2F");

    @Test
    void rangesCutAtAnyKeysListWhatThePlainListingLists() throws Exception {
        String bucket = S3.newBucket();
        // neighbours beside the prefix, and a folder marker inside it, which neither listing counts
        put(bucket, "p-other/x");
        put(bucket, "p");
        put(bucket, "p/d0/", "");
        for (int i = 0; i < 2_300; i++) {
            put(bucket, "p/" + key(i));
        }
        for (String k : ODD) {
            put(bucket, "p/" + k);
        }
        try (ObjectStore store = store(bucket, "p")) {
            List<String> plain = keys(store);
            assertThat(plain).hasSize(2_300 + ODD.size()).doesNotContain("d0/", "").contains(ODD.toArray(String[]::new));

            // cuts on existing keys (one range then spans two pages of 1,000), between keys, before
            // every key, after every key, two cuts with nothing between them (an empty range), and
            // the same cut twice
            List<String> cuts = List.of("", key(100), key(1_250), key(1_250) + "x", key(1_250) + "y", "a/b", "é",
                    "日本/語.bin", "zzzz", key(100));
            for (int parallelism : new int[] {1, 2, 8}) {
                assertThat(keys(store, cuts, parallelism)).as("parallelism %d", parallelism).isEqualTo(plain);
            }
            assertThat(objects(store, cuts, 4)).isEqualTo(objects(store, List.of(), 4));
        }
    }

    @Test
    void cutsFromAnEarlierListingStillListEverythingAfterOthersChangedTheBucket() throws Exception {
        String bucket = S3.newBucket();
        // what the bucket holds under the prefix, kept beside it as the test changes it
        TreeSet<String> model = new TreeSet<>(TreeScanner.KEY_ORDER);
        for (int i = 0; i < 3_000; i += 2) {
            put(bucket, "p/" + key(i));
            model.add(key(i));
        }
        try (ObjectStore store = store(bucket, "p")) {
            List<String> before = keys(store);
            assertThat(before).containsExactlyElementsOf(model);
            List<String> cuts = new ArrayList<>();
            for (int i = 250; i < before.size(); i += 250) {
                cuts.add(before.get(i - 1));
            }

            // another tool removes cut keys and whole runs, and adds keys between, before and after
            // every cut, and puts one back where a removed cut was
            BlobStore blobs = S3.blobStore();
            for (int i = 0; i < cuts.size(); i += 2) {
                blobs.removeBlob(bucket, "p/" + cuts.get(i));
                model.remove(cuts.get(i));
            }
            for (int i = 1_000; i < 1_400; i += 2) {
                blobs.removeBlob(bucket, "p/" + key(i));
                model.remove(key(i));
            }
            List<String> added = new ArrayList<>(List.of(cuts.get(0), "0-before-all", "~after-all"));
            for (int i = 1; i < 3_000; i += 2) {
                added.add(key(i));
            }
            for (String k : added) {
                put(bucket, "p/" + k);
                model.add(k);
            }

            List<String> plain = keys(store);
            assertThat(plain).containsExactlyElementsOf(model);
            assertThat(keys(store, cuts, 8)).isEqualTo(plain);
        }
    }

    @Test
    void aRangeThatFailsFailsTheListingAsThePlainListingFails() throws Exception {
        String bucket = S3.newBucket();
        put(bucket, "p/" + key(1));
        Map<String, String> wrong = Map.of("access_key_id", S3ProxyExtension.ACCESS_KEY_ID,
                "secret_access_key", "not-the-secret");
        try (ObjectStore store = store(bucket, "p", wrong)) {
            assertThatThrownBy(() -> keys(store, List.of(key(0), key(5), key(9)), 2))
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("s3://" + bucket + "/p: list");
                    });
        }
    }

    private static String key(int i) {
        return "d" + (i / 100) + "/f" + String.format("%05d", i) + ".bin";
    }

    private static void put(String bucket, String key) {
        put(bucket, key, key);
    }

    private static void put(String bucket, String key, String content) {
        BlobStore blobs = S3.blobStore();
        blobs.putBlob(bucket, blobs.blobBuilder(key).payload(content.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static List<String> keys(ObjectStore store) throws ConvergeException {
        List<String> keys = new ArrayList<>();
        store.list(o -> keys.add(o.key()));
        return keys;
    }

    private static List<String> keys(ObjectStore store, List<String> cuts, int parallelism) throws ConvergeException {
        return objects(store, cuts, parallelism).stream().map(o -> o.substring(0, o.indexOf('\t'))).toList();
    }

    /** What a listing says of each object, but the time, which S3Proxy renders to the second anyway. */
    private static List<String> objects(ObjectStore store, List<String> cuts, int parallelism) throws ConvergeException {
        List<String> objects = new ArrayList<>();
        Thread caller = Thread.currentThread();
        store.list(cuts, parallelism, o -> {
            assertThat(Thread.currentThread()).as("the sink runs on the calling thread").isSameAs(caller);
            objects.add(o.key() + "\t" + o.size() + " " + o.etag() + " " + o.contentMd5() + " " + o.lastModified());
        });
        return objects;
    }

    private static ObjectStore store(String bucket, String prefix) throws ConvergeException {
        return store(bucket, prefix, Map.of());
    }

    private static ObjectStore store(String bucket, String prefix, Map<String, String> values) throws ConvergeException {
        StoreSettings settings = new StoreSettings(S3.endpoint().toString(), false, values, S3.environment()::get);
        return new S3StoreProvider().create(StoreTarget.parse("s3://" + bucket + "/" + prefix), settings);
    }
}
