package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.files.dir.DirStore;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.Upload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that changes between planning and upload is never published under its name. */
class ContentReaderTest {
    @TempDir
    Path tmp;

    @Test
    void blocksCarryTheirMd5AndTheLastIsHandedOverOnlyAfterTheWholeChecks() throws Exception {
        Path f = tmp.resolve("f");
        byte[] data = new byte[2500];
        new java.util.Random(7).nextBytes(data);
        Files.write(f, data);
        ContentHash h = ContentHash.of(f);
        List<Integer> sizes = new ArrayList<>();
        int blocks = ContentReader.read(new Upload("f", f, h.size(), h.md5(), h.sha256()), 1000, (i, bytes, md5, last) -> {
            sizes.add(bytes.length);
            assertThat(md5).isEqualTo(ContentReader.md5(bytes));
            assertThat(last).isEqualTo(i == 2);
        }).blocks();
        assertThat(blocks).isEqualTo(3);
        assertThat(sizes).containsExactly(1000, 1000, 500);
    }

    @Test
    void aChangedFileIsRefusedBeforeItsLastBlock() throws Exception {
        Path f = tmp.resolve("f");
        Files.writeString(f, "before");
        ContentHash h = ContentHash.of(f);
        Files.writeString(f, "AFTER!");
        List<Boolean> lasts = new ArrayList<>();
        assertThatThrownBy(() -> ContentReader.read(new Upload("f", f, h.size(), h.md5(), h.sha256()), 1000,
                (i, bytes, md5, last) -> lasts.add(last)))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("content changed");
        assertThat(lasts).isEmpty();
    }

    @Test
    void theDirStoreLeavesNothingBehindWhenTheFileChangedMidUpload() throws Exception {
        Path f = tmp.resolve("f");
        Files.writeString(f, "before");
        ContentHash h = ContentHash.of(f);
        Files.writeString(f, "after, and longer");
        Path root = Files.createDirectories(tmp.resolve("store"));
        DirStore store = new DirStore(root, "dir:" + root);
        assertThatThrownBy(() -> store.upload(new Upload("a/f", f, h.size(), h.md5(), h.sha256())))
                .isInstanceOf(FileChangedException.class).hasMessageContaining("size changed");
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anUnhashedUploadIsHashedInTheReadThatSendsIt() throws Exception {
        Path f = tmp.resolve("f");
        byte[] data = new byte[2500];
        new java.util.Random(11).nextBytes(data);
        Files.write(f, data);
        ContentHash expected = ContentHash.of(f);
        for (int blockSize : new int[] {1000, 4096}) {
            List<byte[]> blocks = new ArrayList<>();
            ContentReader.Result r = ContentReader.read(unhashed(f), blockSize, (i, bytes, md5, last) -> blocks.add(bytes));
            assertThat(r.hash()).as("block size %d", blockSize).isEqualTo(expected);
            assertThat(blocks.stream().mapToInt(b -> b.length).sum()).isEqualTo(data.length);
        }
        // without block MD5s (dir:) the SHA-256 is still there, and no MD5 is made up
        ContentReader.Result r = ContentReader.read(unhashed(f), 1000, false, (i, bytes, md5, last) -> assertThat(md5).isNull());
        assertThat(r.hash().sha256()).isEqualTo(expected.sha256());
        assertThat(r.hash().md5()).isNull();
    }

    @Test
    void anUnhashedUploadWhoseFileIsWrittenWhileItIsReadIsRefusedBeforeItsLastBlock() throws Exception {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[3000]);
        Upload planned = unhashed(f);
        List<Boolean> lasts = new ArrayList<>();
        assertThatThrownBy(() -> ContentReader.read(planned, 1000, (i, bytes, md5, last) -> {
            lasts.add(last);
            if (i == 0) {
                rewriteInPlace(f);
            }
        })).isInstanceOf(FileChangedException.class).hasMessageContaining("modified");
        assertThat(lasts).containsExactly(false, false);
    }

    @Test
    void theDirStoreSendsANewFileInOneReadAndRecordsWhatItSent() throws Exception {
        Path f = tmp.resolve("f");
        Files.writeString(f, "hello");
        Path root = Files.createDirectories(tmp.resolve("store"));
        DirStore store = new DirStore(root, "dir:" + root);
        var written = store.upload(unhashed(f));
        assertThat(written.sha256()).isEqualTo(ContentHash.of(f).sha256());
        assertThat(root.resolve(f.getFileName())).hasContent("hello");
    }

    /** Same size, new bytes, a later mtime: what an editor saving mid-upload does. */
    private static void rewriteInPlace(Path f) {
        try (var out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.WRITE)) {
            out.write(new byte[] {1, 2, 3});
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Upload unhashed(Path f) throws java.io.IOException {
        return Upload.unhashed(f.getFileName().toString(), f, Files.size(f),
                Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }
}
