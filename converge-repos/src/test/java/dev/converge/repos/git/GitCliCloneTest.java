package dev.converge.repos.git;

import dev.converge.core.RemoteException;
import dev.converge.repos.testing.GitHttpServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import dev.converge.repos.testing.Upstreams;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the git-binary clone has to prove: the token reaches git through its environment and
 * nowhere else (a wrapper script in front of the real git records its argv and the names of its
 * environment), a helper of the user's never gets it to store, an old or missing git is not used,
 * and a child killed midway leaves nothing under the target's name.
 */
class GitCliCloneTest {
    private static final String TOKEN = "ghp_cliCloneSecretToken0123456789";

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    @RegisterExtension
    final Upstreams upstreams = new Upstreams();

    private Upstream upstream;
    private GitHttpServer server;

    @BeforeEach
    void serve() throws Exception {
        upstream = upstreams.add(tmp.resolve("srv"), "org/app");
        server = upstreams.serve(tmp.resolve("srv"), TOKEN);
    }

    /** A {@code git} that logs its argv and environment names to {@code log}, runs {@code body}, and is probed like any git. */
    private GitBinary wrapper(String name, String body) throws IOException {
        Path log = tmp.resolve("log");
        Files.createDirectories(log);
        Path script = GitWrapper.write(tmp.resolve("bin/" + name), "printf '%s\\n' \"$@\" >> '" + log.resolve("argv") + "'\n"
                + "env | sed 's/=.*//' >> '" + log.resolve("env-names") + "'\n", body);
        GitBinary.Probe probe = GitBinary.probe(script.toString(), git.environment());
        assertThat(probe.problem()).isEmpty();
        return probe.binary().orElseThrow();
    }

    @Test
    void theTokenReachesGitOnlyThroughItsEnvironment() throws Exception {
        Path store = tmp.resolve("home-credentials");
        git.git(tmp, "config", "--global", "credential.helper", "store --file " + store);
        GitBinary binary = wrapper("git", "exec GIT \"$@\"");
        Path clone = tmp.resolve("work/org/app");

        CloneResult cloned = CloneRepo.from(server.uri("org/app.git")).into(clone).gitBinary(binary)
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call();

        assertThat(cloned.head()).isEqualTo(upstream.head());
        assertThat(git.git(clone, "log", "-1", "--format=%H")).isEqualTo(upstream.head());
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        assertThat(server.unauthorizedRequests()).as("the server did ask for the token").isPositive();
        String argv = Files.readString(tmp.resolve("log/argv"));
        assertThat(argv).contains("clone").doesNotContain(TOKEN);
        assertThat(Files.readAllLines(tmp.resolve("log/env-names"))).contains("CONVERGE_GIT_PASSWORD", "GIT_CONFIG_COUNT",
                "GIT_TERMINAL_PROMPT");
        assertThat(filesContaining(clone, TOKEN)).as("no file of the clone holds the token").isEmpty();
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(server.uri("org/app.git").toString());
        assertThat(store).as("the user's store helper was never handed the token").doesNotExist();
    }

    @Test
    void aRejectedTokenIsNeitherInTheMessageNorStored() throws Exception {
        String wrong = "ghp_wrongButSecretToken0123456789";
        GitBinary binary = wrapper("git", "exec GIT \"$@\"");

        assertThatThrownBy(() -> CloneRepo.from(server.uri("org/app.git")).into(tmp.resolve("work/org/app")).gitBinary(binary)
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", wrong)).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).containsIgnoringCase("authentication failed"));
        assertThat(Files.readString(tmp.resolve("log/argv"))).doesNotContain(wrong);
        assertThat(tmp.resolve("work/org/app")).doesNotExist();
    }

    @Test
    void aCloneKilledMidwayLeavesNoTargetDirectory() throws Exception {
        // git has written the whole clone into the staging directory, then stalls before exiting.
        GitBinary binary = wrapper("git", "case \"$1\" in clone) GIT \"$@\"; exec sleep 120;; *) exec GIT \"$@\";; esac");
        Path clone = tmp.resolve("work/org/app");

        assertThatThrownBy(() -> CloneRepo.from(server.uri("org/app.git")).into(clone).gitBinary(binary).timeoutSeconds(2)
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call())
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("wrote nothing for 2s and was stopped")
                .satisfies(e -> assertThat(((RemoteException) e).isTransient()).isTrue());
        assertThat(clone).doesNotExist();
        try (Stream<Path> left = Files.list(clone.getParent())) {
            assertThat(left).as("the staging directory is gone too").isEmpty();
        }
    }

    @Test
    void gitsStockTemplateIsSkippedAsJGitDidButAUsersOwnTemplateIsKept() throws Exception {
        CloneResult plain = CloneRepo.from(server.uri("org/app.git")).into(tmp.resolve("work/plain"))
                .gitBinary(GitBinary.probe("git", git.environment()).binary().orElseThrow())
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call();
        Path template = Files.createDirectories(tmp.resolve("template/hooks"));
        Files.writeString(template.resolve("pre-commit"), "#!/bin/sh\nexit 0\n");
        git.git(tmp, "config", "--global", "init.templateDir", template.getParent().toString());
        CloneResult templated = CloneRepo.from(server.uri("org/app.git")).into(tmp.resolve("work/templated"))
                .gitBinary(GitBinary.probe("git", git.environment()).binary().orElseThrow())
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call();

        assertThat(plain.head()).isEqualTo(upstream.head());
        assertThat(tmp.resolve("work/plain/.git/hooks/pre-commit.sample")).doesNotExist();
        assertThat(git.git(tmp.resolve("work/plain"), "status", "--porcelain")).isEmpty();
        assertThat(templated.head()).isEqualTo(upstream.head());
        assertThat(tmp.resolve("work/templated/.git/hooks/pre-commit")).hasContent("#!/bin/sh\nexit 0");
    }

    @Test
    void gitIsProbedOnlyWhenAndOnceAFirstCloneAsksForIt() throws Exception {
        Path calls = tmp.resolve("calls");
        Path script = GitWrapper.write(tmp.resolve("bin/git"), "echo \"$1\" >> '" + calls + "'\n", "exec GIT \"$@\"");

        Supplier<GitBinary> lazy = GitBinary.probeOnFirstUse(script.toString(), git.environment());
        assertThat(calls).as("nothing started before a clone asks").doesNotExist();
        GitBinary first = lazy.get();
        GitBinary second = lazy.get();

        assertThat(first).isNotNull().isSameAs(second);
        assertThat(Files.readAllLines(calls)).as("one probe: --version, one git config and the committer").containsExactly("--version", "config", "var");
    }

    @Test
    void sshNeverPromptsUnlessTheUserChoseTheirOwnSshCommand() throws Exception {
        GitBinary plain = GitBinary.probe("git", git.environment()).binary().orElseThrow();
        assertThat(GitCliClone.environment(plain, upstream.uri(), null))
                .containsEntry("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");

        git.git(tmp, "config", "--global", "core.sshCommand", "ssh -i ~/.ssh/deploy_key");
        GitBinary own = GitBinary.probe("git", git.environment()).binary().orElseThrow();
        assertThat(own.ownSshCommand()).isTrue();
        assertThat(own.ownTemplate()).isFalse();
        assertThat(GitCliClone.environment(own, upstream.uri(), null)).doesNotContainKey("GIT_SSH_COMMAND");
    }

    @Test
    void aLocalCloneHardLinksLikeJGitsAndRecordsTheFileUrl() throws Exception {
        Path clone = tmp.resolve("work/local");
        CloneResult cloned = CloneRepo.from(upstream.uri()).into(clone)
                .gitBinary(GitBinary.probe("git", git.environment()).binary().orElseThrow()).call();

        assertThat(cloned.head()).isEqualTo(upstream.head());
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(upstream.uri().toString());
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        try (Stream<Path> objects = Files.walk(clone.resolve(".git/objects"))) {
            assertThat(objects.filter(Files::isRegularFile).anyMatch(p -> {
                try {
                    return ((Number) Files.getAttribute(p, "unix:nlink")).intValue() > 1;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("objects shared with the upstream by hard links").isTrue();
        }
    }

    @Test
    void aGitOlderThan231OrNoGitAtAllIsNotUsed() throws Exception {
        Path old = tmp.resolve("bin/old-git");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "#!/bin/sh\necho 'git version 2.30.9'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

        GitBinary.Probe tooOld = GitBinary.probe(old.toString(), Map.of());
        GitBinary.Probe missing = GitBinary.probe(tmp.resolve("bin/none").toString(), Map.of());

        assertThat(tooOld.binary()).isEmpty();
        assertThat(tooOld.problem()).contains("2.30.9").contains("2.31");
        assertThat(missing.binary()).isEmpty();
        assertThat(missing.problem()).startsWith("cannot run");
    }

    private static List<Path> filesContaining(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
                            .contains(new String(needle, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
