package dev.converge.remotes;

import dev.converge.remotes.config.RemoteSettings;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate.Status;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * converge's own receive-pack client against JGit's smart-HTTP server on loopback, with
 * {@code git ls-remote} and {@code git fsck} of the served repositories as the witnesses.
 */
class SmartHttpPushTest {
    private static final String MAIN = Constants.R_HEADS + "main";
    @TempDir
    Path tmp;
    GitFixture fx;
    Path served;
    HttpGitServer server;
    SharedPacks packs;
    Repository repo;

    @BeforeEach
    void setUp() throws Exception {
        fx = new GitFixture(tmp);
        served = tmp.resolve("served");
        server = new HttpGitServer(served, 0);
        repo = fx.work.getRepository();
        packs = new SharedPacks(repo);
    }

    @AfterEach
    void tearDown() throws Exception {
        packs.close();
        server.close();
        fx.close();
    }

    private Path bare(String name) throws Exception {
        Path dir = served.resolve(name + ".git");
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        return dir;
    }

    private SmartHttpPush open(String url) throws Exception {
        return open(url, null);
    }

    private SmartHttpPush open(String url, CredentialsProvider credentials) throws Exception {
        Mirror mirror = new Mirror(RemoteSettings.discovered("mirror"), new URIish(url),
                List.of(new RefSpec("+refs/heads/*:refs/remotes/mirror/*")));
        return SmartHttpPush.open(mirror, new SmartHttp(mirror.url(), credentials, Duration.ofSeconds(30)), packs,
                new BranchComparer(repo), new TrackingRefs(repo, new PersonIdent(repo)));
    }

    private Map<String, RefResult> push(String url, PushCommand... commands) throws Exception {
        try (SmartHttpPush session = open(url)) {
            return session.push(List.of(commands));
        }
    }

    private static PushCommand update(String ref, ObjectId to) {
        return new PushCommand(ref, to, null, false);
    }

    private ObjectId tracking(String branch) throws IOException {
        Ref ref = repo.exactRef("refs/remotes/mirror/" + branch);
        return ref == null ? null : ref.getObjectId();
    }

    @Test
    void aFirstPushCreatesTheBranchWithAPackTheServerAccepts() throws Exception {
        Path dir = bare("m");
        fx.commit("second");

        Map<String, RefResult> results = push(server.url("git", "m"), update(MAIN, fx.head()));

        assertThat(results.get(MAIN).status()).isEqualTo(Status.OK);
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", fx.headSha());
        assertThat(fx.git(dir, "rev-list", "--count", "main").trim()).isEqualTo("2");
        fx.git(dir, "fsck", "--strict");
        assertThat(tracking("main")).isEqualTo(fx.head());
    }

    @Test
    void aFastForwardSendsOnlyTheNewCommits() throws Exception {
        Path dir = bare("m");
        push(server.url("git", "m"), update(MAIN, fx.head()));
        fx.commit("two");
        fx.commit("three");

        try (SmartHttpPush session = open(server.url("git", "m"))) {
            assertThat(session.advertisement(1).heads()).containsKey("main");
            assertThat(session.push(List.of(update(MAIN, fx.head()))).get(MAIN).status()).isEqualTo(Status.OK);
        }

        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", fx.headSha());
        assertThat(fx.git(dir, "log", "--format=%s", "main").lines().toList()).containsExactly("three", "two", "first");
        fx.git(dir, "fsck", "--strict");
    }

    @Test
    void aNonFastForwardIsRefusedUnlessForcedAndAServerThatDeniesItIsReported() throws Exception {
        bare("m");
        RevCommit base = fx.commit("base");
        RevCommit pushed = fx.commit("pushed");
        push(server.url("git", "m"), update(MAIN, pushed));
        fx.git(fx.root.resolve("work"), "reset", "-q", "--hard", base.name());
        RevCommit diverged = fx.commit("diverged");

        Map<String, RefResult> refused = push(server.url("git", "m"), update(MAIN, diverged));
        Map<String, RefResult> denied = push(server.url("strict", "m"), new PushCommand(MAIN, diverged, pushed, true));

        assertThat(refused.get(MAIN).status()).isEqualTo(Status.REJECTED_NONFASTFORWARD);
        assertThat(denied.get(MAIN).status()).isEqualTo(Status.REJECTED_NONFASTFORWARD);
        assertThat(denied.get(MAIN).message()).contains("fast");
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", pushed.name());
        assertThat(tracking("main")).isEqualTo(pushed);

        Map<String, RefResult> forced = push(server.url("git", "m"), new PushCommand(MAIN, diverged, pushed, true));
        assertThat(forced.get(MAIN).status()).isEqualTo(Status.OK);
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", diverged.name());
    }

    @Test
    void aLeaseBrokenBySomeoneElsesPushIsRejectedByTheServerAndTheirCommitKept() throws Exception {
        Path dir = bare("m");
        push(server.url("git", "m"), update(MAIN, fx.head()));
        ObjectId seen = fx.head();
        fx.commit("mine");

        try (SmartHttpPush session = open(server.url("git", "m"))) {
            // Someone pushes between the advertisement this session decided on and its push.
            String theirs = fx.advanceFromOtherClone(dir, "main");

            Map<String, RefResult> results = session.push(List.of(new PushCommand(MAIN, fx.head(), seen, true)));

            assertThat(results.get(MAIN).status()).isEqualTo(Status.REJECTED_REMOTE_CHANGED);
            assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", theirs);
        }
        // A lease that does not match what the remote advertised is not even sent.
        Map<String, RefResult> stale = push(server.url("git", "m"), new PushCommand(MAIN, fx.head(), seen, true));
        assertThat(stale.get(MAIN).status()).isEqualTo(Status.REJECTED_REMOTE_CHANGED);
        assertThat(tracking("main")).isEqualTo(seen);
    }

    @Test
    void aDeletedRefIsGoneFromTheRemoteAndItsTrackingBranchToo() throws Exception {
        bare("m");
        fx.work.branchCreate().setName("topic").call();
        push(server.url("git", "m"), update(MAIN, fx.head()), update(Constants.R_HEADS + "topic", fx.head()));
        assertThat(fx.lsRemote(server.url("git", "m"))).containsKeys("main", "topic");

        Map<String, RefResult> results = push(server.url("git", "m"), update(Constants.R_HEADS + "topic", ObjectId.zeroId()));

        assertThat(results.get(Constants.R_HEADS + "topic").status()).isEqualTo(Status.OK);
        assertThat(fx.lsRemote(server.url("git", "m"))).containsOnlyKeys("main");
        assertThat(tracking("topic")).isNull();
        assertThat(tracking("main")).isEqualTo(fx.head());
    }

    @Test
    void aServerThatAsksForCredentialsGetsThemOnlyWhenItAsksAndNeverSeesThemInAMessage() throws Exception {
        bare("private");

        assertThatThrownBy(() -> open(server.url("secure", "private")))
                .satisfies(e -> assertThat(Fault.of(e).kind()).isEqualTo(Fault.Kind.AUTH))
                .hasMessageContaining("401").hasMessageContaining("no credentials");
        assertThatThrownBy(() -> open(server.urlWithCredentials("private", "wr0ng-t0ken-value")))
                .satisfies(e -> assertThat(Fault.of(e).kind()).isEqualTo(Fault.Kind.AUTH))
                .hasMessageContaining("not accepted")
                .satisfies(e -> assertThat(Fault.of(e).message()).doesNotContain("wr0ng-t0ken-value"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wr0ng-t0ken-value"));
        assertThatThrownBy(() -> open(server.url("secure", "private"),
                new UsernamePasswordCredentialsProvider(HttpGitServer.USER, "wrong-password")))
                .satisfies(e -> assertThat(Fault.of(e).kind()).isEqualTo(Fault.Kind.AUTH));

        try (SmartHttpPush session = open(server.url("secure", "private"),
                new UsernamePasswordCredentialsProvider(HttpGitServer.USER, HttpGitServer.password()))) {
            assertThat(session.push(List.of(update(MAIN, fx.head()))).get(MAIN).status()).isEqualTo(Status.OK);
        }
        assertThat(fx.lsRemote(server.url("git", "private"))).containsEntry("main", fx.headSha());
    }

    @Test
    void aServerThatAsksForCredentialsOnlyForThePushGetsThemThenAndTheSameBytesAgain() throws Exception {
        bare("m");
        fx.commit("second");

        try (SmartHttpPush anonymous = open(server.url("pushauth", "m"))) {
            assertThatThrownBy(() -> anonymous.push(List.of(update(MAIN, fx.head()))))
                    .satisfies(e -> assertThat(Fault.of(e).kind()).isEqualTo(Fault.Kind.AUTH));
        }
        try (SmartHttpPush session = open(server.url("pushauth", "m"),
                new UsernamePasswordCredentialsProvider(HttpGitServer.USER, HttpGitServer.password()))) {
            assertThat(session.push(List.of(update(MAIN, fx.head()))).get(MAIN).status()).isEqualTo(Status.OK);
        }
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", fx.headSha());
        fx.git(served.resolve("m.git"), "fsck", "--strict");
    }

    @Test
    void aServerErrorOnThePushIsATransientFaultAndChangesNothing() throws Exception {
        bare("m");
        push(server.url("git", "m"), update(MAIN, fx.head()));
        String before = fx.headSha();
        fx.commit("not taken");

        try (SmartHttpPush session = open(server.url("broken", "m"))) {
            assertThatThrownBy(() -> session.push(List.of(update(MAIN, fx.head()))))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(Fault.of(e).kind()).isEqualTo(Fault.Kind.SERVER_ERROR))
                    .hasMessageContaining("500");
        }
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", before);
        assertThat(tracking("main").name()).isEqualTo(before);
    }

    @Test
    void aStatusReportWithNgRejectsThatRefAndKeepsTheOthers() throws Exception {
        bare("m");
        String protectedRef = Constants.R_HEADS + "protected-release";

        Map<String, RefResult> results = push(server.url("guarded", "m"), update(MAIN, fx.head()), update(protectedRef, fx.head()));

        assertThat(results.get(MAIN).status()).isEqualTo(Status.OK);
        assertThat(results.get(protectedRef).status()).isEqualTo(Status.REJECTED_OTHER_REASON);
        assertThat(results.get(protectedRef).message()).isEqualTo("protected by policy");
        assertThat(fx.lsRemote(server.url("git", "m"))).containsOnlyKeys("main");
        assertThat(tracking("protected-release")).isNull();
    }

    @Test
    void aRedirectIsFollowedAndThePushGoesWhereItLed() throws Exception {
        bare("m");

        Map<String, RefResult> results = push(server.url("moved", "m"), update(MAIN, fx.head()));

        assertThat(results.get(MAIN).status()).isEqualTo(Status.OK);
        assertThat(fx.lsRemote(server.url("git", "m"))).containsEntry("main", fx.headSha());
    }

    @Test
    void mirrorsHoldingTheSameCommitsGetOnePackBuiltOnce() throws Exception {
        Path one = bare("one");
        Path two = bare("two");
        Path fresh = bare("fresh");
        push(server.url("git", "one"), update(MAIN, fx.head()));
        push(server.url("git", "two"), update(MAIN, fx.head()));
        fx.commit("for every mirror");
        int before = packs.built();

        for (String name : List.of("one", "two", "fresh")) {
            assertThat(push(server.url("git", name), update(MAIN, fx.head())).get(MAIN).status()).isEqualTo(Status.OK);
        }

        // one and two advertised the same commit: one pack; fresh holds nothing: a pack of its own.
        assertThat(packs.built() - before).isEqualTo(2);
        for (Path dir : List.of(one, two, fresh)) {
            fx.git(dir, "fsck", "--strict");
            assertThat(fx.git(dir, "rev-parse", "main").trim()).isEqualTo(fx.headSha());
        }
    }
}
