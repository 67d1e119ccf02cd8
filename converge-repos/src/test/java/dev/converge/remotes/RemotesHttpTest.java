package dev.converge.remotes;

import dev.converge.core.ExitCode;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.remotes.queue.FilePushQueue;
import dev.converge.remotes.queue.QueuedPush;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushes over JGit's smart-HTTP server on loopback, and the offline queue against a closed port. */
class RemotesHttpTest {
    static final RemotesConfig ONE_TRY = RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE);
    @TempDir
    Path tmp;
    GitFixture fx;
    Path served;

    @BeforeEach
    void setUp() throws Exception {
        fx = new GitFixture(tmp);
        served = tmp.resolve("served");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private void bare(String name) throws Exception {
        Git.init().setBare(true).setDirectory(served.resolve(name + ".git").toFile()).setInitialBranch("main").call().close();
    }

    @Test
    void pushesToSeveralMirrorsOverSmartHttp() throws Exception {
        bare("one");
        bare("two");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("one", server.url("git", "one"));
            fx.addRemote("two", server.url("git", "two"));

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).call();

            assertThat(result.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
            assertThat(fx.lsRemote(server.url("git", "one"))).containsEntry("main", fx.headSha());
            assertThat(fx.lsRemote(server.url("git", "two"))).containsEntry("main", fx.headSha());

            StatusResult status = new RemotesStatus(fx.work.getRepository(), ONE_TRY).call();
            assertThat(status.isConverged()).isTrue();
            assertThat(status.remotes()).allSatisfy(r -> assertThat(r.url()).startsWith("http://127.0.0.1:"));
        }
    }

    /**
     * HTTP remotes are pushed by converge's own receive-pack client; with {@code http.*} settings in
     * the Git config, which only JGit's transport applies, by JGit's. The server tells them apart by
     * their User-Agent.
     */
    @Test
    void httpSettingsInTheGitConfigLeaveThePushToJGitsTransport() throws Exception {
        bare("mirror");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("mirror", server.url("git", "mirror"));

            RemotesPushResult own = new RemotesPush(fx.work.getRepository(), ONE_TRY).call();
            fx.commit("second");
            var config = fx.work.getRepository().getConfig();
            config.setBoolean("http", null, "sslVerify", false);
            config.save();
            RemotesPushResult jgit = new RemotesPush(fx.work.getRepository(), ONE_TRY).call();

            assertThat(own.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
            assertThat(jgit.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.PUSHED);
            assertThat(server.pushAgents()).hasSize(2);
            assertThat(server.pushAgents().get(0)).isEqualTo("git/converge");
            assertThat(server.pushAgents().get(1)).startsWith("JGit/");
            assertThat(fx.lsRemote(server.url("git", "mirror"))).containsEntry("main", fx.headSha());
        }
    }

    @Test
    void aPushThatCannotReachItsRemoteIsQueuedAndRetriedFirstWithTheBranchMovedOn() throws Exception {
        bare("mirror");
        Path local = fx.bareRemote("local");
        int port = GitFixture.closedPort();
        fx.addRemote("mirror", "http://127.0.0.1:" + port + "/git/mirror.git");
        FilePushQueue queue = new FilePushQueue(tmp.resolve("queue.json"));
        String first = fx.headSha();

        RemotesPushResult offline = new RemotesPush(fx.work.getRepository(), ONE_TRY).setQueue(queue).call();

        assertThat(offline.outcomes()).extracting(PushOutcome::id, PushOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("local/main", PushStatus.PUSHED),
                org.assertj.core.groups.Tuple.tuple("mirror/main", PushStatus.QUEUED));
        assertThat(offline.exitCode()).isEqualTo(ExitCode.ITEM_FAILED);
        assertThat(fx.lsRemote(local)).containsEntry("main", first);
        // Persisted: a fresh queue object on the same file sees the entry.
        assertThat(new FilePushQueue(tmp.resolve("queue.json")).list()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("mirror/main");
            assertThat(e.sha()).isEqualTo(first);
            assertThat(e.attempts()).isEqualTo(1);
        });

        fx.commit("made while offline");
        try (HttpGitServer server = new HttpGitServer(served, port)) {
            RemotesPushResult retried = new RemotesPush(fx.work.getRepository(), ONE_TRY).setQueue(queue).setQueueOnly(true).call();

            assertThat(retried.warnings()).anyMatch(w -> w.contains("mirror/main moved on from " + first.substring(0, 7)));
            assertThat(retried.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("mirror/main");
                assertThat(o.status()).isEqualTo(PushStatus.PUSHED);
                assertThat(o.fromQueue()).isTrue();
            });
            assertThat(queue.list()).isEmpty();
            assertThat(fx.lsRemote(server.url("git", "mirror"))).containsEntry("main", fx.headSha());
        }
    }

    @Test
    void aQueuedPushThatWouldNowBeANonFastForwardIsReportedNotForced() throws Exception {
        bare("mirror");
        FilePushQueue queue = new FilePushQueue(tmp.resolve("queue.json"));
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("mirror", server.url("git", "mirror"));
            new RemotesPush(fx.work.getRepository(), ONE_TRY).call();
            String theirs = fx.rewriteFromOtherClone(served.resolve("mirror.git"), "main");
            queue.put(new QueuedPush("mirror", "main", fx.headSha(), java.time.Instant.now(), 1, "unreachable"));

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).setQueue(queue).setQueueOnly(true).call();

            assertThat(result.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(PushStatus.BLOCKED);
                assertThat(o.message()).contains("queued push would now be a non-fast-forward");
            });
            assertThat(queue.list()).isEmpty();
            assertThat(fx.lsRemote(server.url("git", "mirror"))).containsEntry("main", theirs);
        }
    }

    @Test
    void aServerErrorIsTransientAndRetriedWithBackoff() throws Exception {
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("flaky", server.url("down", "flaky"));
            FilePushQueue queue = new FilePushQueue(tmp.resolve("queue.json"));
            RemotesConfig threeTries = RemotesConfig.DEFAULT.withRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), true));

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), threeTries).setQueue(queue).call();

            assertThat(result.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(PushStatus.QUEUED);
                assertThat(o.attempts()).isEqualTo(3);
                assertThat(o.message()).contains("server error").contains("503");
            });
            assertThat(queue.list()).hasSize(1);
        }
    }

    @Test
    void credentialsInTheUrlNeverAppearInOutcomes() throws Exception {
        bare("private");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("good", server.urlWithCredentials("private", HttpGitServer.password()));
            fx.addRemote("bad", server.urlWithCredentials("private", "s3cr3t-token-value"));

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).call();
            StatusResult status = new RemotesStatus(fx.work.getRepository(), ONE_TRY).call();

            assertThat(result.outcomes()).extracting(PushOutcome::remote, PushOutcome::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("bad", PushStatus.FAILED),
                    org.assertj.core.groups.Tuple.tuple("good", PushStatus.PUSHED));
            assertThat(result.outcomes().get(0).message()).startsWith("auth");
            String everything = result.toString() + status.toString();
            assertThat(everything).doesNotContain("s3cr3t-token-value").doesNotContain(HttpGitServer.password());
            assertThat(fx.lsRemote(server.url("git", "private"))).containsEntry("main", fx.headSha());
        }
    }

    @Test
    void aQueuedPushThatNowFailsForAnotherReasonStaysQueued() throws Exception {
        bare("private");
        FilePushQueue queue = new FilePushQueue(tmp.resolve("queue.json"));
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("mirror", server.urlWithCredentials("private", "expired-token"));
            queue.put(new QueuedPush("mirror", "main", fx.headSha(), java.time.Instant.now(), 1, "unreachable"));

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).setQueue(queue).setQueueOnly(true).call();

            assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(PushStatus.FAILED));
            assertThat(queue.list()).singleElement().satisfies(e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.lastError()).startsWith("auth").doesNotContain("expired-token");
            });
        }
    }

    @Test
    void credentialsComeFromTheUsersGitCredentialHelper() throws Exception {
        bare("private");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("mirror", server.url("secure", "private"));
            Path root = fx.work.getRepository().getWorkTree().toPath();

            RemotesPushResult without = new RemotesPush(fx.work.getRepository(), ONE_TRY)
                    .setCredentials(new GitCredentials(root)).call();
            fx.git(root, "config", "credential.helper",
                    "!f() { echo username=" + HttpGitServer.USER + "; echo password=" + HttpGitServer.password() + "; }; f");
            RemotesPushResult with = new RemotesPush(fx.work.getRepository(), ONE_TRY)
                    .setCredentials(new GitCredentials(root)).call();

            assertThat(without.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(PushStatus.FAILED);
                assertThat(o.message()).startsWith("auth");
            });
            assertThat(with.outcomes()).singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.PUSHED);
            assertThat(fx.lsRemote(server.url("git", "private"))).containsEntry("main", fx.headSha());
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutAndIsQueuedWithoutHoldingUpTheOthers() throws Exception {
        Path local = fx.bareRemote("local");
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts every connection and never says a word: only a read timeout ends the wait.
            Thread.ofVirtual().start(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing a socket the test is done with
                        }
                    });
                }
            });
            fx.addRemote("silent", "http://127.0.0.1:" + silent.getLocalPort() + "/git/silent.git");
            long started = System.nanoTime();

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).setTimeout(Duration.ofSeconds(1)).call();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(result.outcomes()).extracting(PushOutcome::id, PushOutcome::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("local/main", PushStatus.PUSHED),
                    org.assertj.core.groups.Tuple.tuple("silent/main", PushStatus.QUEUED));
            assertThat(result.outcomes().get(1).message()).startsWith("timeout");
            assertThat(fx.lsRemote(local)).containsEntry("main", fx.headSha());
        }
    }

    /**
     * The push's own request is bounded too, not only the advertisement: the HTTP connections carry
     * the timeout themselves (JGit's per-connection timer is off for HTTP), so a server that took the
     * pack and never answers ends in a timeout, queued, and the others are pushed.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatTakesThePushAndNeverAnswersTimesOutAndIsQueued() throws Exception {
        bare("stalled");
        Path local = fx.bareRemote("local");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            fx.addRemote("stalled", server.url("stall", "stalled"));
            long started = System.nanoTime();

            RemotesPushResult result = new RemotesPush(fx.work.getRepository(), ONE_TRY).setTimeout(Duration.ofSeconds(1)).call();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(result.outcomes()).extracting(PushOutcome::id, PushOutcome::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("local/main", PushStatus.PUSHED),
                    org.assertj.core.groups.Tuple.tuple("stalled/main", PushStatus.QUEUED));
            assertThat(result.outcomes().get(1).message()).startsWith("timeout");
            assertThat(fx.lsRemote(local)).containsEntry("main", fx.headSha());
            assertThat(fx.lsRemote(server.url("git", "stalled"))).doesNotContainKey("main");
        }
    }
}
