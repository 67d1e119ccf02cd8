package dev.converge.repos.git;

import dev.converge.core.UsageException;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cloning and updating real repositories over {@code file://}, every result checked against
 * what the {@code git} CLI sees afterwards.
 */
class UpdateRepoTest {
    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    private Upstream upstream;
    private Path clone;

    @BeforeEach
    void cloneUpstream() throws Exception {
        upstream = Upstream.create(tmp.resolve("srv/app.git"));
        clone = tmp.resolve("work/app");
        CloneResult cloned = CloneRepo.from(upstream.uri()).into(clone).call();
        assertThat(cloned.status()).isEqualTo(CloneResult.Status.CLONED);
        assertThat(cloned.branch()).isEqualTo("main");
        assertThat(cloned.head()).isEqualTo(git.git(clone, "rev-parse", "HEAD"));
    }

    @AfterEach
    void close() {
        upstream.close();
    }

    @Test
    void aFreshCloneIsCleanAndTracksItsUpstream() {
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(upstream.uri().toString());
        try (var staging = Files.list(clone.getParent())) {
            assertThat(staging.map(p -> p.getFileName().toString())).containsExactly("app");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void upstreamCommitsAreFastForwarded() throws Exception {
        String pushed = upstream.push("src/Main.java", "class Main {}\n", "Add Main");

        UpdateResult result = UpdateRepo.of(clone).expectedRemote(upstream.uri().toString()).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.FAST_FORWARDED);
        assertThat(result.after()).isEqualTo(pushed).isEqualTo(git.git(clone, "rev-parse", "HEAD"));
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        assertThat(git.git(clone, "log", "-1", "--format=%s")).isEqualTo("Add Main");
    }

    @Test
    void localCommitsWithNothingUpstreamAreLeftToPush() throws Exception {
        String local = commitLocally("notes.txt", "mine\n", "Local work");

        UpdateResult result = UpdateRepo.of(clone).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.UP_TO_DATE);
        assertThat(result.ahead()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("1 local commit(s) not pushed");
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(local);
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main [ahead 1]");
    }

    @Test
    void aDirtyTreeIsLeftExactlyAsItIsWithoutEvenAFetch() throws Exception {
        upstream.push("README.md", "changed upstream\n", "Upstream edit");
        Files.writeString(clone.resolve("README.md"), "my unsaved edit\n");
        String remoteRefBefore = git.git(clone, "rev-parse", "origin/main");

        UpdateResult result = UpdateRepo.of(clone).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.SKIPPED);
        assertThat(result.message()).isEqualTo("dirty working tree (1 changed, 0 untracked)");
        assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo("my unsaved edit\n");
        assertThat(git.git(clone, "rev-parse", "origin/main")).isEqualTo(remoteRefBefore);
        assertThat(git.git(clone, "status", "--porcelain=v1")).isEqualTo("M README.md");
    }

    @Test
    void untrackedFilesCountAsWorkInProgress() throws Exception {
        upstream.push("new.txt", "upstream\n", "Upstream adds new.txt");
        Files.writeString(clone.resolve("new.txt"), "mine, not yet added\n");

        UpdateResult result = UpdateRepo.of(clone).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.SKIPPED);
        assertThat(result.message()).isEqualTo("dirty working tree (0 changed, 1 untracked)");
        assertThat(Files.readString(clone.resolve("new.txt"))).isEqualTo("mine, not yet added\n");
    }

    @Test
    void aDetachedHeadIsLeftAlone() throws Exception {
        String first = git.git(clone, "rev-parse", "HEAD");
        upstream.push("b.txt", "b\n", "Second");
        git.git(clone, "checkout", "--detach", "HEAD");

        UpdateResult result = UpdateRepo.of(clone).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.SKIPPED);
        assertThat(result.message()).isEqualTo("detached HEAD at " + first.substring(0, 7));
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(first);
    }

    @Test
    void aMergeInProgressIsLeftAlone() throws Exception {
        upstream.push("README.md", "upstream line\n", "Upstream edit");
        commitLocally("README.md", "local line\n", "Local edit");
        git.git(clone, "fetch", "origin");
        assertThat(git.tryGit(clone, "merge", "origin/main").exitCode()).isNotZero();

        UpdateResult result = UpdateRepo.of(clone).strategy(ConflictStrategy.THEIRS).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.SKIPPED);
        assertThat(result.message()).isEqualTo("a merge is in progress");
        assertThat(Files.exists(clone.resolve(".git/MERGE_HEAD"))).isTrue();
    }

    @Test
    void divergedBranchesWithoutOverlapAreMerged() throws Exception {
        String upstreamHead = upstream.push("upstream.txt", "u\n", "Upstream work");
        String local = commitLocally("local.txt", "l\n", "Local work");

        UpdateResult result = UpdateRepo.of(clone).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.MERGED);
        assertThat(git.git(clone, "log", "-1", "--format=%P")).isEqualTo(local + " " + upstreamHead);
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main [ahead 2]");
        assertThat(result.ahead()).isEqualTo(2);
    }

    @Test
    void skipAbortsAConflictingMergeAndRestoresEverything() throws Exception {
        upstream.push("README.md", "upstream line\n", "Upstream edit");
        String local = commitLocally("README.md", "local line\n", "Local edit");

        UpdateResult result = UpdateRepo.of(clone).strategy(ConflictStrategy.SKIP).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.CONFLICT);
        assertThat(result.conflicts()).containsExactly("README.md");
        assertThat(result.after()).isEqualTo(local);
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(local);
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main [ahead 1, behind 1]");
        assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo("local line\n");
        assertThat(Files.exists(clone.resolve(".git/MERGE_HEAD"))).isFalse();
    }

    @Test
    void interactiveBehavesAsSkipAndSaysSo() throws Exception {
        upstream.push("README.md", "upstream line\n", "Upstream edit");
        commitLocally("README.md", "local line\n", "Local edit");

        UpdateResult result = UpdateRepo.of(clone).strategy(ConflictStrategy.INTERACTIVE).call();

        assertThat(result.status()).isEqualTo(UpdateResult.Status.CONFLICT);
        assertThat(result.message()).contains("behaves as skip");
        assertThat(git.git(clone, "status", "--porcelain=v1")).isEmpty();
    }

    @Test
    void oursTheirsAndUnionResolveConflictingHunksAsTheySay() throws Exception {
        upstream.push("README.md", "upstream line\n", "Upstream edit");
        String local = commitLocally("README.md", "local line\n", "Local edit");

        assertThat(mergeWith(ConflictStrategy.OURS, local)).isEqualTo("local line\n");
        assertThat(mergeWith(ConflictStrategy.THEIRS, local)).isEqualTo("upstream line\n");
        assertThat(mergeWith(ConflictStrategy.UNION, local)).isEqualTo("local line\nupstream line\n");
    }

    private String mergeWith(ConflictStrategy strategy, String local) throws Exception {
        git.git(clone, "reset", "--hard", local);
        UpdateResult result = UpdateRepo.of(clone).strategy(strategy).call();
        assertThat(result.status()).as(strategy.label()).isEqualTo(UpdateResult.Status.MERGED);
        assertThat(git.git(clone, "status", "--porcelain=v1")).isEmpty();
        assertThat(git.git(clone, "merge-base", "--is-ancestor", local, "HEAD")).isEmpty();
        return Files.readString(clone.resolve("README.md"));
    }

    @Test
    void aCloneOfAnotherRemoteIsNotFetched() throws Exception {
        try (Upstream other = Upstream.create(tmp.resolve("srv/other.git"))) {
            UpdateResult result = UpdateRepo.of(clone).expectedRemote(other.uri().toString()).call();

            assertThat(result.status()).isEqualTo(UpdateResult.Status.SKIPPED);
            assertThat(result.message()).startsWith("tracks another remote: ");
        }
    }

    @Test
    void sameRemoteIgnoresTrailingSlashesAndDotGit() {
        assertThat(GitRepos.sameRemote(upstream.uri().toString(), upstream.directory().toString())).isTrue();
        assertThat(GitRepos.sameRemote("https://GitHub.com/o/r.git", "https://github.com/o/r/")).isTrue();
        assertThat(GitRepos.sameRemote("https://github.com/o/r.git", "https://github.com/o/other.git")).isFalse();
    }

    @Test
    void aTargetThatIsNotARepositoryIsNeverTouched() throws Exception {
        Path plain = tmp.resolve("work/plain");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("keep.txt"), "precious\n");

        CloneResult clone = CloneRepo.from(upstream.uri()).into(plain).call();
        UpdateResult update = UpdateRepo.of(plain).call();

        assertThat(clone.status()).isEqualTo(CloneResult.Status.SKIPPED);
        assertThat(clone.message()).isEqualTo("exists but is not a Git repository");
        assertThat(update.status()).isEqualTo(UpdateResult.Status.SKIPPED);
        assertThat(Files.readString(plain.resolve("keep.txt"))).isEqualTo("precious\n");
    }

    @Test
    void aTargetThatIsAFileIsAUsageError() throws Exception {
        Path file = tmp.resolve("work/file");
        Files.writeString(file, "x");

        assertThatThrownBy(() -> CloneRepo.from(upstream.uri()).into(file).call())
                .isInstanceOf(UsageException.class).hasMessageContaining("is a file");
    }

    @Test
    void statusReadsBranchAheadBehindAndDirtiness() throws Exception {
        upstream.push("u.txt", "u\n", "Upstream");
        commitLocally("l.txt", "l\n", "Local");
        git.git(clone, "fetch", "origin");
        Files.writeString(clone.resolve("scratch.txt"), "x");

        RepoStatus status = InspectRepo.of(clone).call();

        assertThat(status.branch()).isEqualTo("main");
        assertThat(status.upstream()).isEqualTo("origin/main");
        assertThat(status.ahead()).isEqualTo(1);
        assertThat(status.behind()).isEqualTo(1);
        assertThat(status.untracked()).isEqualTo(1);
        assertThat(status.summary()).isEqualTo("dirty");
    }

    private String commitLocally(String file, String content, String message) throws Exception {
        Files.writeString(clone.resolve(file), content);
        git.git(clone, "add", file);
        git.git(clone, "commit", "-q", "-m", message);
        return git.git(clone, "rev-parse", "HEAD");
    }
}
