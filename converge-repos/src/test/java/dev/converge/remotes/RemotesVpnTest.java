package dev.converge.remotes;

import dev.converge.remotes.config.BranchGlob;
import dev.converge.remotes.config.ForcePush;
import dev.converge.remotes.config.RemoteSettings;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.remotes.config.VpnSettings;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VPN commands played by scripts: "connecting" makes the remotes behind the VPN appear (a
 * symbolic link to their real directory), "disconnecting" makes them vanish, and every call is
 * logged to a file the test reads.
 */
class RemotesVpnTest {
    @TempDir
    Path tmp;
    GitFixture fx;
    Path network;
    Path mount;
    Path log;

    @BeforeEach
    void setUp() throws Exception {
        fx = new GitFixture(tmp);
        network = Files.createDirectories(tmp.resolve("network"));
        mount = tmp.resolve("mount");
        log = tmp.resolve("vpn.log");
        Files.createFile(log);
        for (String name : List.of("internal", "archive")) {
            Git.init().setBare(true).setDirectory(network.resolve(name + ".git").toFile()).setInitialBranch("main").call().close();
            fx.addRemote(name, mount.resolve(name + ".git").toUri().toString());
        }
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private VpnSettings vpn(String connect, Duration timeout) {
        return new VpnSettings("corporate",
                "echo check >> " + log + "; test -L " + mount,
                connect,
                "echo disconnect >> " + log + "; rm " + mount,
                timeout);
    }

    private String connect() {
        return "echo connect >> " + log + "; ln -s " + network + " " + mount;
    }

    private RemotesConfig config(VpnSettings vpn) {
        RemoteSettings internal = new RemoteSettings("internal", 1, List.of(BranchGlob.ALL), ForcePush.BLOCK, "corporate", true);
        RemoteSettings archive = new RemoteSettings("archive", 2, List.of(BranchGlob.ALL), ForcePush.BLOCK, "corporate", true);
        return new RemotesConfig(Map.of("internal", internal, "archive", archive), Map.of("corporate", vpn), true, true,
                true, RetryPolicy.NONE);
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(log);
    }

    @Test
    void connectsOnceForParallelPushesAndDisconnectsAfterTheLast() throws Exception {
        Path open = fx.bareRemote("open");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config(vpn(connect(), Duration.ofSeconds(10)))).call();

        assertThat(result.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
        assertThat(calls()).containsExactly("check", "connect", "disconnect");
        assertThat(mount).doesNotExist();
        assertThat(fx.lsRemote(network.resolve("internal.git"))).containsEntry("main", fx.headSha());
        assertThat(fx.lsRemote(network.resolve("archive.git"))).containsEntry("main", fx.headSha());
        assertThat(fx.lsRemote(open)).containsEntry("main", fx.headSha());
    }

    @Test
    void aVpnThatIsAlreadyUpIsNeitherConnectedNorDisconnected() throws Exception {
        Files.createSymbolicLink(mount, network);

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config(vpn(connect(), Duration.ofSeconds(10)))).call();

        assertThat(result.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
        assertThat(calls()).isEmpty();
        assertThat(mount).exists();
    }

    @Test
    void aHangingConnectIsStoppedAndFailsOnlyTheRemotesBehindIt() throws Exception {
        Path open = fx.bareRemote("open");
        VpnSettings hangs = vpn("echo connect >> " + log + "; sleep 30", Duration.ofMillis(500));
        long started = System.nanoTime();

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config(hangs)).call();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(result.outcomes()).filteredOn(o -> !o.remote().equals("open")).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(PushStatus.QUEUED);
            assertThat(o.message()).contains("vpn corporate").contains("did not finish within 500ms");
        });
        assertThat(result.outcomes()).filteredOn(o -> o.remote().equals("open"))
                .singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.PUSHED);
        // One connect attempt for both remotes, no disconnect: converge never brought it up.
        assertThat(calls()).containsExactly("check", "connect");
        assertThat(fx.lsRemote(open)).containsEntry("main", fx.headSha());
    }

    @Test
    void commandOutputGoesToTheLogFileNotIntoResults() throws Exception {
        String chatty = "echo 'vpn client: connected with password hunter2 to https://user:pw@vpn.example' ; " + connect();

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config(vpn(chatty, Duration.ofSeconds(10)))).call();

        assertThat(result.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
        assertThat(result.toString()).doesNotContain("vpn client");
        String log = Files.readString(fx.work.getRepository().getDirectory().toPath().resolve("converge-vpn.log"));
        assertThat(log).contains("vpn corporate connect_cmd: running").contains("vpn client: connected")
                .contains("vpn corporate disconnect_cmd: exit 0").doesNotContain("user:pw@");
    }

    @Test
    void healthReportsTheVpnStateWithoutConnectingIt() throws Exception {
        List<RemoteHealth> down = new RemotesHealth(fx.work.getRepository(), config(vpn(connect(), Duration.ofSeconds(10)))).call();
        Files.createSymbolicLink(mount, network);
        List<RemoteHealth> up = new RemotesHealth(fx.work.getRepository(), config(vpn(connect(), Duration.ofSeconds(10)))).call();

        assertThat(down).extracting(RemoteHealth::vpn).containsOnly("corporate: down");
        assertThat(down).extracting(RemoteHealth::reachable).containsOnly(false);
        assertThat(up).extracting(RemoteHealth::vpn).containsOnly("corporate: up");
        assertThat(up).extracting(RemoteHealth::reachable).containsOnly(true);
        assertThat(calls()).doesNotContain("connect", "disconnect");
    }
}
