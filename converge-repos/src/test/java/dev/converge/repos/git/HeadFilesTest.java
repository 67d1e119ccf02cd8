package dev.converge.repos.git;

import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** HEAD read from the ref files agrees with what the {@code git} CLI resolves, in each layout git writes. */
class HeadFilesTest {
    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    @Test
    void looseAndPackedRefsAndADetachedHeadReadAsGitReadsThem() throws Exception {
        Path bare = tmp.resolve("srv/app.git");
        try (Upstream upstream = Upstream.create(bare)) {
            upstream.push("b.txt", "b\n", "Second");
        }
        String tip = git.git(bare, "rev-parse", "HEAD");

        assertThat(HeadFiles.read(bare)).contains(new HeadFiles.Head("refs/heads/main", tip));

        git.git(bare, "pack-refs", "--all");
        assertThat(bare.resolve("refs/heads/main")).doesNotExist();
        assertThat(HeadFiles.read(bare)).contains(new HeadFiles.Head("refs/heads/main", tip));

        git.git(tmp, "clone", "-q", bare.toString(), "work");
        Path work = tmp.resolve("work");
        git.git(work, "checkout", "-q", "--detach", "HEAD~1");
        assertThat(HeadFiles.read(work.resolve(".git")))
                .contains(new HeadFiles.Head(null, git.git(work, "rev-parse", "HEAD")));
    }

    @Test
    void anUnbornBranchHasNoCommitAndLayoutsItDoesNotReadAreLeftToJGit() throws Exception {
        git.git(tmp, "init", "-q", "--bare", "empty.git");
        assertThat(HeadFiles.read(tmp.resolve("empty.git"))).contains(new HeadFiles.Head("refs/heads/main", null));

        git.git(tmp, "init", "-q", "work");
        Path work = tmp.resolve("work");
        Files.writeString(work.resolve("a.txt"), "a\n");
        git.git(work, "add", "a.txt");
        git.git(work, "commit", "-qm", "A");
        git.git(work, "worktree", "add", "-q", tmp.resolve("linked").toString());
        assertThat(tmp.resolve("linked/.git")).isRegularFile();
        assertThat(HeadFiles.read(work.resolve(".git/worktrees/linked"))).as("refs live in the common dir").isEmpty();

        git.git(work, "symbolic-ref", "refs/heads/alias", "refs/heads/main");
        git.git(work, "symbolic-ref", "HEAD", "refs/heads/alias");
        assertThat(HeadFiles.read(work.resolve(".git"))).as("a symbolic ref to a symbolic ref").isEmpty();
    }
}
