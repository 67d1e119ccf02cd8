package dev.converge.remotes;

import dev.converge.remotes.config.RemotesConfig;
import dev.converge.core.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard, from one ref advertisement per remote, against bare mirrors in every state. */
class RemotesStatusTest {
    static final RemotesConfig CONFIG = RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE);
    @TempDir
    Path tmp;
    GitFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new GitFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void reportsEveryStateAndTheMirrorsThatDisagree() throws Exception {
        Path inSync = fx.bareRemote("in-sync");
        Path ahead = fx.bareRemote("ahead");
        Path behind = fx.bareRemote("behind");
        Path diverged = fx.bareRemote("diverged");
        Path rewritten = fx.bareRemote("rewritten");
        fx.bareRemote("missing");
        fx.addRemote("unreachable", "http://127.0.0.1:" + GitFixture.closedPort() + "/x.git");
        Path root = fx.work.getRepository().getWorkTree().toPath();
        for (Path p : List.of(ahead, diverged, rewritten)) {
            fx.git(root, "push", "-q", p.toUri().toString(), "main");
        }
        fx.advanceFromOtherClone(diverged, "main");
        fx.rewriteFromOtherClone(rewritten, "main");
        fx.git(root, "fetch", "-q", "diverged");
        fx.commit("second");
        fx.commit("third");
        for (Path p : List.of(inSync, behind)) {
            fx.git(root, "push", "-q", p.toUri().toString(), "main");
        }
        fx.advanceFromOtherClone(behind, "main");
        fx.git(root, "fetch", "-q", "behind");

        StatusResult result = new RemotesStatus(fx.work.getRepository(), CONFIG).call();

        Map<String, BranchStatus> byRemote = result.remotes().stream()
                .flatMap(r -> r.branches().stream()).collect(Collectors.toMap(BranchStatus::remote, Function.identity()));
        assertThat(byRemote.get("in-sync").describe()).isEqualTo("in sync");
        assertThat(byRemote.get("ahead").describe()).isEqualTo("ahead 2");
        assertThat(byRemote.get("behind").describe()).isEqualTo("behind 1");
        assertThat(byRemote.get("diverged").describe()).isEqualTo("diverged (2, 1)");
        assertThat(byRemote.get("rewritten").describe()).isEqualTo("behind/diverged (unknown)");
        assertThat(byRemote.get("missing").describe()).isEqualTo("missing");
        assertThat(byRemote.get("unreachable").describe()).isEqualTo("unreachable");
        assertThat(result.remotes()).filteredOn(r -> r.name().equals("unreachable")).singleElement()
                .satisfies(r -> assertThat(r.fault().kind()).isEqualTo(Fault.Kind.UNREACHABLE));
        assertThat(result.isConverged()).isFalse();
        assertThat(result.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.branch()).isEqualTo("main");
            assertThat(d.commits()).containsOnlyKeys("in-sync", "ahead", "behind", "diverged", "rewritten");
            assertThat(d.diverged()).isTrue();
        });
    }

    @Test
    void countsBehindFromLocalObjectsWithoutFetching() throws Exception {
        Path origin = fx.bareRemote("origin");
        Path root = fx.work.getRepository().getWorkTree().toPath();
        fx.git(root, "push", "-q", "origin", "main");
        fx.advanceFromOtherClone(origin, "main");
        fx.advanceFromOtherClone(origin, "main");
        fx.git(root, "fetch", "-q", "origin");
        String trackingBefore = fx.work.getRepository().resolve("refs/remotes/origin/main").name();

        StatusResult result = new RemotesStatus(fx.work.getRepository(), CONFIG).call();

        assertThat(result.remotes()).singleElement().satisfies(r ->
                assertThat(r.branches()).singleElement().satisfies(b -> {
                    assertThat(b.describe()).isEqualTo("behind 2");
                    assertThat(b.reconcileHint()).isEqualTo("git pull --ff-only origin main");
                }));
        // Status reads; it moves no ref.
        assertThat(fx.work.getRepository().resolve("refs/remotes/origin/main").name()).isEqualTo(trackingBefore);
    }

    @Test
    void healthSaysWhoAnswersAndWhetherTheCredentialsWork() throws Exception {
        fx.bareRemote("fine");
        fx.addRemote("down", "http://127.0.0.1:" + GitFixture.closedPort() + "/x.git");

        List<RemoteHealth> health = new RemotesHealth(fx.work.getRepository(), CONFIG).call();

        assertThat(health).extracting(RemoteHealth::name, RemoteHealth::reachable, RemoteHealth::auth).containsExactly(
                org.assertj.core.groups.Tuple.tuple("down", false, "unknown"),
                org.assertj.core.groups.Tuple.tuple("fine", true, "ok"));
    }
}
