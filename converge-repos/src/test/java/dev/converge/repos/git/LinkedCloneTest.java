package dev.converge.repos.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone from a repository on this machine hard-links its objects, as {@code git clone PATH}
 * does, and is otherwise the clone {@code git} would make; {@code git fsck} is the witness that
 * nothing shared can be lost when either side is garbage-collected.
 */
class LinkedCloneTest {
    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    private Upstream upstream;

    @BeforeEach
    void upstream() throws Exception {
        upstream = Upstream.create(tmp.resolve("srv/app.git"));
        upstream.push("src/a.txt", "a\n", "Add a");
        git.git(upstream.directory(), "tag", "v1", "main");
    }

    @AfterEach
    void close() {
        upstream.close();
    }

    @Test
    void objectsAreSharedAndTheCloneIsWhatGitWouldMake() throws Exception {
        Path clone = tmp.resolve("work/app");
        CloneResult cloned = CloneRepo.from(upstream.uri()).into(clone).call();

        assertThat(cloned.status()).isEqualTo(CloneResult.Status.CLONED);
        assertThat(cloned.branch()).isEqualTo("main");
        assertThat(linkedObjectFiles(clone)).isPositive();
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(upstream.head());
        assertThat(git.git(clone, "tag", "--list")).isEqualTo("v1");
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(upstream.uri().toString());
        assertThat(git.git(clone, "cat-file", "-p", "HEAD:src/a.txt")).isEqualTo("a");

        // The upstream moves on and packs everything away; the clone still has all it had.
        String newer = upstream.push("src/b.txt", "b\n", "Add b");
        git.git(upstream.directory(), "gc", "--prune=now", "--quiet");
        assertThat(git.tryGit(clone, "fsck", "--full", "--no-progress").exitCode()).isZero();
        git.git(clone, "pull", "--ff-only", "--quiet");
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(newer);
    }

    @Test
    void aRepositoryBorrowingObjectsIsClonedTheOrdinaryWay() throws Exception {
        Path borrower = tmp.resolve("srv/borrower.git");
        git.git(tmp, "clone", "--bare", "--shared", "--quiet", upstream.directory().toString(), borrower.toString());
        assertThat(borrower.resolve("objects/info/alternates")).exists();

        Path clone = tmp.resolve("work/borrower");
        CloneResult cloned = CloneRepo.from(borrower.toUri()).into(clone).call();

        assertThat(cloned.status()).isEqualTo(CloneResult.Status.CLONED);
        assertThat(clone.resolve(".git/objects/info/alternates")).doesNotExist();
        assertThat(linkedObjectFiles(clone)).isZero();
        assertThat(git.tryGit(clone, "fsck", "--full", "--no-progress").exitCode()).isZero();
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(upstream.head());
    }

    private static long linkedObjectFiles(Path clone) throws IOException {
        try (Stream<Path> files = Files.walk(clone.resolve(".git/objects"))) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return ((Number) Files.getAttribute(p, "unix:nlink")).intValue() > 1;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }
}
