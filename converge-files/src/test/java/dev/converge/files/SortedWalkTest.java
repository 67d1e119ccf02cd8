package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SortedWalk} hands files over in the order the stores list them, without a sort of all paths. */
class SortedWalkTest {
    @TempDir
    Path root;

    @Test
    void filesComeOutInKeyOrderAcrossDirectoriesAndSiblingsThatShareAPrefix() throws IOException {
        // '.' (0x2E) and '-' sort before '/', so "a.b" and "a-z" come before everything under "a/";
        // "a0" sorts after it; the supplementary character after the BMP ones
        for (String f : List.of("a/x", "a/y/z", "a.b", "a-z", "a0", "ab/c", "b", "\uFF5E/f", "\uD83D\uDE00", "\uD83D\uDE00x/g", "z/a.b", "z/a/b")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        List<String> walked = new ArrayList<>();
        SortedWalk.walk(root, recorder(walked));

        List<String> expected;
        try (Stream<Path> all = Files.walk(root)) {
            expected = all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .sorted(TreeScanner.KEY_ORDER).toList();
        }
        assertThat(walked).hasSize(12).isEqualTo(expected);
    }

    @Test
    void attributesAreTheFilesOwnAndLinksAreNotFollowed() throws IOException {
        Path target = Files.writeString(root.resolve("real"), "12345");
        Files.createSymbolicLink(root.resolve("link"), target);
        Files.createDirectories(root.resolve("d"));
        Files.createSymbolicLink(root.resolve("dlink"), root.resolve("d"));
        Files.writeString(root.resolve("d/inner"), "x");
        List<String> seen = new ArrayList<>();
        SortedWalk.walk(root, new SortedWalk.Visitor() {
            @Override
            public boolean enter(String id) {
                return true;
            }

            @Override
            public void file(String id, Path path, BasicFileAttributes attrs) throws IOException {
                BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertThat(attrs.size()).isEqualTo(own.size());
                assertThat(attrs.lastModifiedTime()).isEqualTo(own.lastModifiedTime());
                assertThat(attrs.fileKey()).isEqualTo(own.fileKey());
                seen.add(id + (attrs.isSymbolicLink() ? "@" : ""));
            }

            @Override
            public void failed(String id, IOException e) {
                seen.add("failed " + id);
            }

            @Override
            public void listingFailed(String id, IOException e) {
                seen.add("listing failed " + id);
            }
        });
        assertThat(seen).containsExactly("d/inner", "dlink@", "link@", "real");
    }

    @Test
    void aSkippedDirectoryIsNotEntered() throws IOException {
        Files.createDirectories(root.resolve("keep"));
        Files.createDirectories(root.resolve("skip/deeper"));
        Files.writeString(root.resolve("keep/a"), "a");
        Files.writeString(root.resolve("skip/deeper/b"), "b");
        List<String> walked = new ArrayList<>();
        List<String> entered = new ArrayList<>();
        SortedWalk.Visitor all = recorder(walked);
        SortedWalk.walk(root, new SortedWalk.Visitor() {
            @Override
            public boolean enter(String id) {
                entered.add(id);
                return !id.equals("skip");
            }

            @Override
            public void file(String id, Path path, BasicFileAttributes attrs) throws IOException {
                all.file(id, path, attrs);
            }

            @Override
            public void failed(String id, IOException e) throws IOException {
                all.failed(id, e);
            }

            @Override
            public void listingFailed(String id, IOException e) throws IOException {
                all.listingFailed(id, e);
            }
        });
        assertThat(entered).containsExactly("keep", "skip");
        assertThat(walked).containsExactly("keep/a");
    }

    @Test
    void aMissingRootIsReportedAsAFailureOfTheRoot() throws IOException {
        List<String> walked = new ArrayList<>();
        SortedWalk.walk(root.resolve("absent"), recorder(walked));
        assertThat(walked).containsExactly("failed '' NoSuchFileException");
    }

    private static SortedWalk.Visitor recorder(List<String> out) {
        return new SortedWalk.Visitor() {
            @Override
            public boolean enter(String id) {
                return true;
            }

            @Override
            public void file(String id, Path path, BasicFileAttributes attrs) {
                out.add(id);
            }

            @Override
            public void failed(String id, IOException e) {
                out.add("failed '" + id + "' " + e.getClass().getSimpleName());
            }

            @Override
            public void listingFailed(String id, IOException e) {
                out.add("listing failed '" + id + "'");
            }
        };
    }
}
