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
        });
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
}
