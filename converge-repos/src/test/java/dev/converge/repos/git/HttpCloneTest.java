package dev.converge.repos.git;

import dev.converge.core.RemoteException;
import dev.converge.repos.testing.GitHttpServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clone and update over a real smart-HTTP server that wants a token, as hosting providers do. */
class HttpCloneTest {
    private static final String TOKEN = "glpat-TopSecretToken42";

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    private Upstream upstream;
    private GitHttpServer server;

    @BeforeEach
    void serve() throws Exception {
        upstream = Upstream.create(tmp.resolve("srv/org/app.git"));
        server = GitHttpServer.start(tmp.resolve("srv"), TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        upstream.close();
    }

    @Test
    void theTokenIsUsedPerOperationAndNeverStored() throws Exception {
        Path clone = tmp.resolve("work/org/app");
        var credentials = new UsernamePasswordCredentialsProvider("x-access-token", TOKEN);

        CloneResult cloned = CloneRepo.from(server.uri("org/app.git")).into(clone).credentials(credentials).call();
        String pushed = upstream.push("b.txt", "b\n", "Second");
        UpdateResult updated = UpdateRepo.of(clone).credentials(credentials)
                .expectedRemote(server.uri("org/app.git").toString()).call();

        assertThat(cloned.isSuccessful()).isTrue();
        assertThat(updated.status()).isEqualTo(UpdateResult.Status.FAST_FORWARDED);
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(pushed);
        assertThat(Files.readString(clone.resolve(".git/config"))).doesNotContain(TOKEN);
        assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(server.uri("org/app.git").toString());
    }

    @Test
    void aWrongTokenIsAFaultThatRetryingWillNotFix() {
        Path clone = tmp.resolve("work/org/app");

        assertThatThrownBy(() -> CloneRepo.from(server.uri("org/app.git")).into(clone)
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", "wrong")).call())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> {
                    assertThat(((RemoteException) e).status()).isEqualTo(401);
                    assertThat(((RemoteException) e).isTransient()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
        assertThat(Files.exists(clone)).isFalse();
        assertThat(server.unauthorizedRequests()).isPositive();
    }
}
