package dev.converge.repos.git;

import dev.converge.core.RemoteException;
import dev.converge.repos.testing.CloneEngine;
import dev.converge.repos.testing.GitHttpServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import dev.converge.repos.testing.Upstreams;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clone and update over a real smart-HTTP server that wants a token, as hosting providers do, with
 * each clone made by JGit and by the {@code git} binary: both must end the same way, and fail with the
 * same status and verdict on retrying.
 */
class HttpCloneTest {
    private static final String TOKEN = "glpat-TopSecretToken42";

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

    private CloneRepo clone(CloneEngine engine, String path) {
        return CloneRepo.from(server.uri(path)).into(tmp.resolve("work/org/app")).gitBinary(engine.binary(git));
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void theTokenIsUsedPerOperationAndNeverStored(CloneEngine engine) throws Exception {
        Path clone = tmp.resolve("work/org/app");
        var credentials = new UsernamePasswordCredentialsProvider("x-access-token", TOKEN);

        CloneResult cloned = clone(engine, "org/app.git").credentials(credentials).call();
        assertThat(cloned.head()).isEqualTo(upstream.head());
        assertThat(cloned.branch()).isEqualTo("main");
        String pushed = upstream.push("b.txt", "b\n", "Second");
        UpdateResult updated = UpdateRepo.of(clone).credentials(credentials)
                .expectedRemote(server.uri("org/app.git").toString()).call();

        assertThat(cloned.isSuccessful()).isTrue();
        assertThat(updated.status()).isEqualTo(UpdateResult.Status.FAST_FORWARDED);
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(pushed);
        assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
        assertThat(Files.readString(clone.resolve(".git/config"))).doesNotContain(TOKEN);
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(server.uri("org/app.git").toString());
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aWrongTokenIsAFaultThatRetryingWillNotFix(CloneEngine engine) {
        Path clone = tmp.resolve("work/org/app");

        assertThatThrownBy(() -> clone(engine, "org/app.git")
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", "wrong-token")).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(401);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("wrong-token").contains("clone " + server.uri("org/app.git"));
                });
        assertThat(Files.exists(clone)).isFalse();
        assertThat(server.unauthorizedRequests()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void noTokenAtAllIsA401TooAndNothingPrompts(CloneEngine engine) {
        assertThatThrownBy(() -> clone(engine, "org/app.git").call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(401);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                });
        assertThat(tmp.resolve("work/org/app")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aMissingRepositoryIsA404(CloneEngine engine) {
        assertThatThrownBy(() -> clone(engine, "org/gone.git")
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(404);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("clone " + server.uri("org/gone.git") + ": ");
                });
        assertThat(tmp.resolve("work/org/app")).doesNotExist();
        assertThat(tmp.resolve("work/org")).isEmptyDirectory();
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aForbiddenRepositoryIsA403(CloneEngine engine) {
        server.forbid("org/app.git");

        assertThatThrownBy(() -> clone(engine, "org/app.git")
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(403);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                });
        assertThat(tmp.resolve("work/org/app")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aLocalDirectoryThatIsNotARepositoryIsA404(CloneEngine engine) throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("srv/org/plain.git"));
        Files.writeString(plain.resolve("README"), "not a repository\n");

        assertThatThrownBy(() -> CloneRepo.from(plain.toUri()).into(tmp.resolve("work/org/plain"))
                .gitBinary(engine.binary(git)).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(404);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                });
        assertThat(tmp.resolve("work/org/plain")).doesNotExist();
    }
}
