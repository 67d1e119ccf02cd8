package dev.converge.files.azure;

import static dev.converge.files.azure.Fixtures.BLOCK_SIZE;
import static dev.converge.files.azure.Fixtures.list;
import static dev.converge.files.azure.Fixtures.listByKey;
import static dev.converge.files.azure.Fixtures.md5;
import static dev.converge.files.azure.Fixtures.randomBytes;
import static dev.converge.files.azure.Fixtures.sha256;
import static dev.converge.files.azure.Fixtures.uploadOf;
import static dev.converge.files.azure.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlockListType;
import dev.converge.core.ConvergeException;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.Upload;
import dev.converge.files.testing.Azurite;
import dev.converge.files.testing.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Listing, uploading and deleting against a real Azurite, checked with an independent client. */
@ExtendWith(AzuriteExtension.class)
class AzureBlobStoreTest {
    @TempDir
    Path dir;
    private Azurite azurite;
    private String container;
    private ObjectStore store;
    private BlobContainerClient witness;

    @BeforeEach
    void openStore(Azurite azurite) throws ConvergeException {
        this.azurite = azurite;
        container = azurite.newContainerName("store");
        store = Fixtures.openStore(azurite, container, "notes");
        witness = Fixtures.witness(azurite, container);
    }

    @Test
    void listsWhatWasUploadedRelativeToThePrefixAndForgetsWhatWasDeleted() throws Exception {
        Upload a = uploadOf(write(dir, "a.txt", "alpha".getBytes(StandardCharsets.UTF_8)), "a.txt");
        Upload b = uploadOf(write(dir, "sub/b.txt", "beta".getBytes(StandardCharsets.UTF_8)), "sub/b.txt");
        RemoteObject uploadedA = store.upload(a);
        RemoteObject uploadedB = store.upload(b);
        witness.getBlobClient("elsewhere.txt").upload(BinaryData.fromString("outside the prefix"));
        witness.getBlobClient("notes").upload(BinaryData.fromString("named like the prefix"));

        Map<String, RemoteObject> listed = listByKey(store);

        assertThat(listed).containsOnlyKeys("a.txt", "sub/b.txt");
        assertThat(listed.get("a.txt")).usingRecursiveComparison().ignoringFields("lastModified").isEqualTo(uploadedA);
        assertThat(listed.get("sub/b.txt")).usingRecursiveComparison().ignoringFields("lastModified").isEqualTo(uploadedB);
        assertThat(uploadedA.size()).isEqualTo(5);
        assertThat(uploadedA.etag()).isNotBlank().doesNotContain("\"");
        assertThat(uploadedA.lastModified()).isNotNull();

        store.delete("a.txt");
        store.delete("a.txt"); // already gone: not an error
        store.delete("never-was.txt");

        assertThat(list(store)).extracting(RemoteObject::key).containsExactly("sub/b.txt");
        assertThat(witness.getBlobClient("notes/a.txt").exists()).isFalse();
    }

    @Test
    void namesThatNeedEncodingGoUpSignedAndComeBackAsTheyWere() throws Exception {
        // each is signed by us over its encoded path: Azurite checks the signature as Azure does
        List<String> names = List.of("a b+c.txt", "ü/€ 100%.txt", "!'()*~;,=@$&.bin", "#hash?q=1.txt", "中文/😀.md");
        for (String name : names) {
            store.upload(uploadOf(write(dir, "f" + names.indexOf(name), name.getBytes(StandardCharsets.UTF_8)), name));
            assertThat(store.sha256(name)).contains(Fixtures.sha256(name.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(listByKey(store)).containsOnlyKeys(names);
        for (String name : names) {
            assertThat(witness.getBlobClient("notes/" + name).downloadContent().toString()).isEqualTo(name);
        }
        store.delete("a b+c.txt");
        assertThat(witness.getBlobClient("notes/a b+c.txt").exists()).isFalse();
    }

    @Test
    void aFileOverOneMebibyteGoesUpInOnePutThatWaitsFor100Continue() throws Exception {
        // the default block size (4 MiB): one Put Blob, sent after the server's go-ahead
        ObjectStore defaults = Fixtures.store("azure://" + container + "/big",
                Fixtures.settings(Map.of("connection_string", azurite.connectionString()), Map.of()));
        byte[] content = Fixtures.randomBytes(2 * 1024 * 1024 + 7, 5);

        RemoteObject written = defaults.upload(uploadOf(write(dir, "big.bin", content), "big.bin"));

        assertThat(written.contentMd5()).isEqualTo(Fixtures.md5(content));
        assertThat(witness.getBlobClient("big/big.bin").downloadContent().toBytes()).isEqualTo(content);
        assertThat(listByKey(defaults).get("big.bin").sha256()).isEqualTo(Fixtures.sha256(content));
        defaults.close();
    }

    @Test
    void aRewrittenObjectGetsANewEtag() throws Exception {
        Path file = write(dir, "f.txt", "one".getBytes(StandardCharsets.UTF_8));
        RemoteObject first = store.upload(uploadOf(file, "f.txt"));
        Files.writeString(file, "two");
        RemoteObject second = store.upload(uploadOf(file, "f.txt"));

        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(list(store)).singleElement().extracting(RemoteObject::etag).isEqualTo(second.etag());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, BLOCK_SIZE - 1, BLOCK_SIZE, BLOCK_SIZE + 1, 3 * BLOCK_SIZE, 20 * BLOCK_SIZE + 12345})
    void uploadsContentThatDownloadsByteForByteWithItsMd5(int size) throws Exception {
        byte[] content = randomBytes(size, size);
        Upload upload = uploadOf(write(dir, "data.bin", content), "deep/data.bin");

        RemoteObject written = store.upload(upload);

        byte[] downloaded = witness.getBlobClient("notes/deep/data.bin").downloadContent().toBytes();
        assertThat(md5(downloaded)).isEqualTo(md5(content));
        assertThat(downloaded).isEqualTo(content);
        BlobProperties properties = witness.getBlobClient("notes/deep/data.bin").getProperties();
        assertThat(HexFormat.of().formatHex(properties.getContentMd5())).isEqualTo(upload.md5());
        assertThat(properties.getETag().replace("\"", "")).isEqualTo(written.etag());
        assertThat(written.contentMd5()).isEqualTo(upload.md5());
        assertThat(written.size()).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1000, BLOCK_SIZE, BLOCK_SIZE + 1, 5 * BLOCK_SIZE + 3})
    void anUnhashedFileIsHashedInTheReadThatSendsItAndRecordsBothHashes(int size) throws Exception {
        byte[] content = randomBytes(size, size + 1);
        Path file = write(dir, "new.bin", content);

        RemoteObject written = store.upload(unhashed(file, "new.bin"));

        assertThat(witness.getBlobClient("notes/new.bin").downloadContent().toBytes()).isEqualTo(content);
        BlobProperties properties = witness.getBlobClient("notes/new.bin").getProperties();
        assertThat(HexFormat.of().formatHex(properties.getContentMd5())).isEqualTo(md5(content));
        assertThat(properties.getMetadata()).containsEntry(ObjectStore.SHA256_METADATA, sha256(content));
        assertThat(written.sha256()).isEqualTo(sha256(content));
        assertThat(written.contentMd5()).isEqualTo(md5(content));
        assertThat(listByKey(store).get("new.bin").sha256()).isEqualTo(sha256(content));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {10, 4 * BLOCK_SIZE})
    void anUnhashedFileModifiedSinceItWasStatedIsNotCommitted(int size) throws Exception {
        Path file = write(dir, "m.bin", randomBytes(size, 3));
        Upload stated = unhashed(file, "m.bin");
        Upload movedSince = Upload.unhashed("m.bin", file, stated.size(), stated.modifiedNanos() - 1);

        assertThatThrownBy(() -> store.upload(movedSince)).isInstanceOf(FileChangedException.class)
                .hasMessageContaining("m.bin: modified");
        assertThat(witness.getBlobClient("notes/m.bin").exists()).isFalse();
        assertThat(list(store)).isEmpty();
    }

    @Test
    void aLargeFileIsCommittedFromBlocksOfTheConfiguredSize() throws Exception {
        byte[] content = randomBytes(10 * BLOCK_SIZE + 7, 42);
        store.upload(uploadOf(write(dir, "big.bin", content), "big.bin"));

        var blocks = witness.getBlobClient("notes/big.bin").getBlockBlobClient().listBlocks(BlockListType.ALL);

        assertThat(blocks.getCommittedBlocks()).hasSize(11)
                .allSatisfy(block -> assertThat(block.getSizeLong()).isLessThanOrEqualTo(BLOCK_SIZE));
        assertThat(blocks.getUncommittedBlocks()).isEmpty();
    }

    @Test
    void theSha256InMetadataShowsInTheListingAndByKey() throws Exception {
        byte[] content = randomBytes(5 * BLOCK_SIZE, 7);
        store.upload(uploadOf(write(dir, "big.bin", content), "big.bin"));
        store.upload(uploadOf(write(dir, "small.txt", "s".getBytes(StandardCharsets.UTF_8)), "small.txt"));
        witness.getBlobClient("notes/foreign.txt").upload(BinaryData.fromString("written by another tool"));

        Map<String, RemoteObject> listed = listByKey(store);

        assertThat(listed.get("big.bin").sha256()).isEqualTo(sha256(content));
        assertThat(listed.get("small.txt").sha256()).isEqualTo(sha256("s".getBytes(StandardCharsets.UTF_8)));
        assertThat(listed.get("foreign.txt").sha256()).isNull();
        assertThat(store.sha256("big.bin")).contains(sha256(content));
        assertThat(store.sha256("foreign.txt")).isEmpty();
        assertThat(store.sha256("missing.txt")).isEmpty();
    }

    @Test
    void aFileChangedSinceItWasHashedIsNotCommitted() throws Exception {
        Path file = write(dir, "big.bin", randomBytes(4 * BLOCK_SIZE, 1));
        Upload planned = uploadOf(file, "big.bin");
        Files.write(file, randomBytes(4 * BLOCK_SIZE, 2)); // same size, other content

        assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class)
                .hasMessageContaining("big.bin");

        assertThat(witness.getBlobClient("notes/big.bin").exists()).isFalse();
        assertThat(list(store)).isEmpty();
    }

    @Test
    void aFileChangedAfterPlanningLeavesThePreviousVersionInPlace() throws Exception {
        byte[] before = randomBytes(3 * BLOCK_SIZE, 3);
        Path file = write(dir, "big.bin", before);
        RemoteObject previous = store.upload(uploadOf(file, "big.bin"));
        Upload planned = uploadOf(write(dir, "big.bin", randomBytes(3 * BLOCK_SIZE, 4)), "big.bin");
        Files.write(file, randomBytes(3 * BLOCK_SIZE, 5));

        assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class);

        assertThat(witness.getBlobClient("notes/big.bin").downloadContent().toBytes()).isEqualTo(before);
        assertThat(list(store)).singleElement().extracting(RemoteObject::etag).isEqualTo(previous.etag());
    }

    @ParameterizedTest(name = "{0} bytes planned")
    @ValueSource(ints = {10, 3 * BLOCK_SIZE})
    void aFileThatGrewOrShrankIsNotWritten(int plannedSize) throws Exception {
        Path file = write(dir, "f.bin", randomBytes(plannedSize, 9));
        Upload planned = uploadOf(file, "f.bin");

        Files.write(file, randomBytes(plannedSize + 2 * BLOCK_SIZE, 10));
        assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class)
                .hasMessageContaining("size changed");
        Files.write(file, randomBytes(plannedSize / 2, 11));
        assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class)
                .hasMessageContaining("size changed");

        assertThat(witness.getBlobClient("notes/f.bin").exists()).isFalse();
    }

    @Test
    void aFileThatVanishedIsReportedAsSuch() throws Exception {
        Path file = write(dir, "gone.txt", "here".getBytes(StandardCharsets.UTF_8));
        Upload planned = uploadOf(file, "gone.txt");
        Files.delete(file);

        assertThatThrownBy(() -> store.upload(planned)).isInstanceOf(FileChangedException.class)
                .hasMessageContaining("vanished");
        assertThat(list(store)).isEmpty();
    }

    @Test
    void aKeyAzureCannotHoldIsRefusedBeforeAnythingIsSent() throws Exception {
        Upload upload = uploadOf(write(dir, "x", "x".getBytes(StandardCharsets.UTF_8)), "bad./x");

        assertThatThrownBy(() -> store.upload(upload)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("bad./x").hasMessageContaining("ends with '.'");
        assertThat(list(store)).isEmpty();
    }

    private static Upload unhashed(Path file, String key) throws java.io.IOException {
        var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        return Upload.unhashed(key, file, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Test
    void describesTheTargetAsTheUserWroteIt() {
        assertThat(store.describe()).isEqualTo("azure://" + container + "/notes");
        assertThat(store.describe()).doesNotContain(Azurite.KEY);
        assertThat(azurite.endpoint()).isNotEmpty();
    }
}
