package dev.converge.files.dir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DirStore#upload}: what lands under the final name is the source's bytes, whatever the size
 * (one block or several, through one reused buffer), and a file that is not the one planned is
 * refused with nothing under the final name and no temporary file left.
 */
class DirStoreUploadTest {
    private static final int BLOCK = BlockCopier.BLOCK;

    @TempDir
    Path tmp;

    @Test
    void everySizeAroundTheBlockBoundariesArrivesIntactWithItsSha256() throws Exception {
        DirStore store = store();
        for (int size : new int[] {0, 1, 4097, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 5, 9 * BLOCK}) {
            Path src = source("f" + size, size);
            RemoteObject written = store.upload(unhashed("k/f" + size, src));
            Path dst = tmp.resolve("dst/k/f" + size);
            assertThat(Files.mismatch(src, dst)).as("size %d", size).isEqualTo(-1L);
            assertThat(written.sha256()).isEqualTo(ContentHash.of(src).sha256());
            assertThat(written.size()).isEqualTo(size);
        }
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void aHashedUploadIsCheckedAgainstItsHashAndKeepsItsMd5() throws Exception {
        Path src = source("h", 2 * BLOCK + 3);
        ContentHash h = ContentHash.of(src);
        RemoteObject written = store().upload(new Upload("h", src, h.size(), h.md5(), h.sha256()));
        assertThat(written.sha256()).isEqualTo(h.sha256());
        assertThat(written.contentMd5()).isEqualTo(h.md5());

        // the same bytes announced with another content's hash: something changed since it was hashed
        Path other = source("other", 2 * BLOCK + 3);
        ContentHash o = ContentHash.of(other);
        assertThatThrownBy(() -> store().upload(new Upload("h2", src, o.size(), o.md5(), o.sha256())))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("h2: content changed");
        assertThat(tmp.resolve("dst/h2")).doesNotExist();
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void aFileModifiedOrResizedSinceItWasStatedIsRefusedWithNothingUnderItsName() throws Exception {
        Path src = source("m", 3 * BLOCK);
        BasicFileAttributes a = Files.readAttributes(src, BasicFileAttributes.class);
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);

        assertThatThrownBy(() -> store().upload(Upload.unhashed("moved", src, a.size(), mtime - 1)))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("moved: modified");
        assertThatThrownBy(() -> store().upload(Upload.unhashed("grown", src, a.size() - 10, mtime)))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("grown: size changed");
        assertThatThrownBy(() -> store().upload(Upload.unhashed("small", src, 10, mtime)))
                .as("planned as one block, read as three").isInstanceOf(FileChangedException.class);
        assertThatThrownBy(() -> store().upload(Upload.unhashed("gone", tmp.resolve("src/absent"), 10, mtime)))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("gone: vanished");
        for (String k : new String[] {"moved", "grown", "small", "gone"}) {
            assertThat(tmp.resolve("dst").resolve(k)).doesNotExist();
        }
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void theListingComesInKeyOrderAsTheStoreClaimsSoTheEngineDoesNotSortIt() throws Exception {
        DirStore store = store();
        List<String> keys = List.of("b", "a/b", "a.b", "a-", "a0", "\uFF5E", "\uD83D\uDE00/x", "z/y/x", "a/\uD83D\uDE00");
        for (String k : keys) {
            store.upload(unhashed(k, source(k.replace('/', '_'), 3)));
        }
        List<String> listed = new java.util.ArrayList<>();
        store.list(o -> listed.add(o.key()));
        assertThat(store.listsInKeyOrder()).isTrue();
        assertThat(listed).isEqualTo(keys.stream().sorted(dev.converge.files.TreeScanner.KEY_ORDER).toList());
    }

    private DirStore store() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("dst"));
        return new DirStore(root, "dir:" + root);
    }

    private Path source(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(name.hashCode() * 31L + size).nextBytes(bytes);
        Path p = tmp.resolve("src").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static Upload unhashed(String key, Path src) throws IOException {
        BasicFileAttributes a = Files.readAttributes(src, BasicFileAttributes.class);
        return Upload.unhashed(key, src, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    private long temporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(tmp.resolve("dst"))) {
            return all.filter(p -> p.getFileName().toString().startsWith(DirStore.TEMP_PREFIX)).count();
        }
    }
}
