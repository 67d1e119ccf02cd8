package dev.converge.repos.git;

import dev.converge.core.RemoteException;
import dev.converge.repos.testing.IsolatedGit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A local clone whose Git directory converge writes ({@link WrittenClone}) must be the repository
 * {@code git clone} makes: the same refs, config, HEAD and reflog, accepted by {@code git status},
 * {@code fsck}, {@code log} and {@code pull}, and by converge's own JGit updates. {@code git clone
 * --template=} of the same source is the witness; a wrapper in front of the real git records which
 * path a clone took.
 */
class WrittenCloneTest {
    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    private Path source;
    private Path work;

    /** A bare repository with two branches, an annotated and a lightweight tag, some refs packed and some loose. */
    @BeforeEach
    void source() throws IOException {
        source = tmp.resolve("srv/org/app.git");
        work = tmp.resolve("seed");
        Files.createDirectories(source);
        git.git(source, "init", "-q", "--bare");
        git.git(tmp, "clone", "-q", source.toString(), work.toString());
        commit("README.md", "one\n");
        Files.writeString(work.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        git.git(work, "update-index", "--add", "--chmod=+x", "run.sh");
        git.git(work, "commit", "-qm", "an executable");
        git.git(work, "tag", "-a", "v1", "-m", "release one");
        git.git(work, "checkout", "-qb", "feature/x");
        commit("feature.txt", "wip\n");
        git.git(work, "push", "-q", "origin", "main", "feature/x", "v1");
        git.git(source, "pack-refs", "--all");
        git.git(work, "checkout", "-q", "main");
        git.git(work, "tag", "v0", "HEAD~1");
        commit("README.md", "two\n");
        git.git(work, "push", "-q", "origin", "main", "v0"); // main and v0 loose, over a packed main
    }

    private void commit(String file, String content) throws IOException {
        Files.writeString(work.resolve(file), content);
        git.git(work, "add", file);
        git.git(work, "commit", "-qm", "edit " + file);
    }

    @Test
    void theWrittenCloneIsTheRepositoryGitCloneMakes() throws Exception {
        GitBinary binary = wrapper();
        Path clone = tmp.resolve("work/org/app");
        CloneResult cloned = CloneRepo.from(source.toUri()).into(clone).gitBinary(binary).call();
        Path witness = tmp.resolve("witness");
        git.git(tmp, "clone", "-q", "--template=", source.toString(), witness.toString());

        assertThat(argv()).as("git only checked out").contains("checkout").doesNotContain("clone");
        String head = git.git(source, "rev-parse", "main");
        assertThat(cloned.head()).isEqualTo(head);
        assertThat(cloned.branch()).isEqualTo("main");
        assertThat(git.git(clone, "for-each-ref", "--format=%(refname) %(objectname) %(symref) %(*objectname)"))
                .isEqualTo(git.git(witness, "for-each-ref", "--format=%(refname) %(objectname) %(symref) %(*objectname)"));
        assertThat(git.git(clone, "config", "--local", "--list"))
                .isEqualTo(git.git(witness, "config", "--local", "--list").replace(source.toString(), source.toUri().toString()));
        assertThat(Files.readString(clone.resolve(".git/HEAD"))).isEqualTo(Files.readString(witness.resolve(".git/HEAD")));
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        git.git(clone, "fsck", "--strict", "--no-dangling");
        assertThat(git.git(clone, "log", "--format=%H %s")).isEqualTo(git.git(witness, "log", "--format=%H %s"));
        assertThat(git.git(clone, "ls-files", "-s")).isEqualTo(git.git(witness, "ls-files", "-s"));
        assertThat(Files.isExecutable(clone.resolve("run.sh"))).isTrue();
        for (String log : List.of("HEAD", "main", "origin/HEAD")) {
            assertThat(git.git(clone, "reflog", "show", "--format=%H %gs %gn <%ge>", log))
                    .isEqualTo(head + " clone: from " + source.toUri() + " Converge Test <test@converge.invalid>");
        }
        assertThat(git.git(clone, "rev-parse", "v1^{commit}")).isEqualTo(git.git(witness, "rev-parse", "v1^{commit}"));
    }

    @Test
    void laterPullsByGitAndByConvergesJGitUpdateItAsAnyClone() throws Exception {
        Path clone = tmp.resolve("work/org/app");
        CloneRepo.from(source.toUri()).into(clone).gitBinary(wrapper()).call();

        commit("README.md", "three\n");
        git.git(work, "push", "-q", "origin", "main");
        git.git(clone, "pull", "-q");
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(git.git(source, "rev-parse", "main"));
        assertThat(git.git(clone, "reflog", "show", "--format=%gs", "main")).contains("pull -q: Fast-forward");

        commit("README.md", "four\n");
        git.git(work, "push", "-q", "origin", "main");
        UpdateResult updated = UpdateRepo.of(clone).call();
        assertThat(updated.status()).isEqualTo(UpdateResult.Status.FAST_FORWARDED);
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(git.git(source, "rev-parse", "main"));
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        git.git(clone, "fsck", "--strict", "--no-dangling");
        try (Git jgit = Git.open(clone.toFile())) {
            assertThat(jgit.getRepository().exactRef("refs/tags/v1").getObjectId().name())
                    .isEqualTo(git.git(source, "rev-parse", "v1"));
        }
    }

    @Test
    void aRequestedBranchIsCheckedOutAndOriginHeadStillNamesTheSourcesHead() throws Exception {
        Path clone = tmp.resolve("work/feature");
        CloneResult cloned = CloneRepo.from(source.toUri()).into(clone).branch("feature/x").gitBinary(wrapper()).call();
        Path witness = tmp.resolve("witness");
        git.git(tmp, "clone", "-q", "--template=", "--branch", "feature/x", source.toString(), witness.toString());

        assertThat(argv()).doesNotContain("clone");
        assertThat(cloned.branch()).isEqualTo("feature/x");
        assertThat(git.git(clone, "symbolic-ref", "refs/remotes/origin/HEAD")).isEqualTo("refs/remotes/origin/main");
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## feature/x...origin/feature/x");
        assertThat(git.git(clone, "config", "--local", "--list"))
                .isEqualTo(git.git(witness, "config", "--local", "--list").replace(source.toString(), source.toUri().toString()));
        assertThat(clone.resolve("feature.txt")).hasContent("wip");
    }

    @Test
    void whatThisDoesNotWriteIsLeftToGitClone() throws Exception {
        // A user's hooks path would run a post-checkout hook in git clone's checkout.
        git.git(tmp, "config", "--global", "core.hooksPath", tmp.resolve("hooks").toString());
        Path hooked = tmp.resolve("work/hooked");
        CloneRepo.from(source.toUri()).into(hooked).gitBinary(wrapper()).call();
        assertThat(argv()).contains("clone");
        git.git(tmp, "config", "--global", "--unset", "core.hooksPath");

        // A shallow source, and one whose HEAD is detached.
        Files.delete(tmp.resolve("log/argv"));
        Path shallow = tmp.resolve("srv/shallow.git");
        git.git(tmp, "clone", "-q", "--bare", "--depth", "1", source.toUri().toString(), shallow.toString());
        CloneResult fromShallow = CloneRepo.from(shallow.toUri()).into(tmp.resolve("work/shallow")).gitBinary(wrapper()).call();
        assertThat(argv()).contains("clone");
        assertThat(fromShallow.head()).isEqualTo(git.git(source, "rev-parse", "main"));

        Files.delete(tmp.resolve("log/argv"));
        git.git(source, "update-ref", "--no-deref", "HEAD", git.git(source, "rev-parse", "main~1"));
        CloneResult detached = CloneRepo.from(source.toUri()).into(tmp.resolve("work/detached")).gitBinary(wrapper()).call();
        assertThat(argv()).contains("clone");
        assertThat(detached.head()).isEqualTo(git.git(source, "rev-parse", "main~1"));
    }

    @Test
    void aFailedCheckoutLeavesNeitherTargetNorStaging() throws Exception {
        GitBinary failing = wrapper("case \"$1\" in checkout) echo 'fatal: disk full' >&2; exit 128;; *) exec GIT \"$@\";; esac");
        Path clone = tmp.resolve("work/org/app");

        assertThatThrownBy(() -> CloneRepo.from(source.toUri()).into(clone).gitBinary(failing).call())
                .isInstanceOf(RemoteException.class).hasMessageContaining("checkout");
        assertThat(clone).doesNotExist();
        try (Stream<Path> left = Files.list(clone.getParent())) {
            assertThat(left).as("the staging directory is gone too").isEmpty();
        }
    }

    private GitBinary wrapper() throws IOException {
        return wrapper("exec GIT \"$@\"");
    }

    /** A {@code git} that appends its first argument to {@code log/argv}, then runs {@code body}. */
    private GitBinary wrapper(String body) throws IOException {
        Files.createDirectories(tmp.resolve("log"));
        Path script = GitWrapper.write(tmp.resolve("bin/git"), "echo \"$1\" >> '" + tmp.resolve("log/argv") + "'\n", body);
        return GitBinary.probe(script.toString(), git.environment()).binary().orElseThrow();
    }

    /** The subcommands the wrapper ran, minus the probe's. */
    private List<String> argv() throws IOException {
        return Files.readAllLines(tmp.resolve("log/argv")).stream()
                .filter(a -> !List.of("--version", "config", "var").contains(a)).toList();
    }
}
