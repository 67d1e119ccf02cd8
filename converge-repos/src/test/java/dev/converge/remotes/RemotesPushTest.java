package dev.converge.remotes;

import dev.converge.core.ExitCode;
import dev.converge.core.UsageException;
import dev.converge.remotes.config.BranchGlob;
import dev.converge.remotes.config.ForcePush;
import dev.converge.remotes.config.RemoteSettings;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.core.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushing to several bare mirrors over file://, with the git CLI as witness. */
class RemotesPushTest {
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

    static RemotesConfig config(RemoteSettings... remotes) {
        Map<String, RemoteSettings> map = new LinkedHashMap<>();
        for (RemoteSettings r : remotes) {
            map.put(r.name(), r);
        }
        return new RemotesConfig(map, Map.of(), true, true, true, RetryPolicy.NONE);
    }

    static RemoteSettings remote(String name, int priority, ForcePush forcePush, String... globs) {
        List<BranchGlob> list = globs.length == 0 ? List.of(BranchGlob.ALL)
                : java.util.Arrays.stream(globs).map(g -> new BranchGlob(g, "", "")).toList();
        return new RemoteSettings(name, priority, list, forcePush, null, true);
    }

    @Test
    void pushesTheCurrentBranchToEveryMirrorInParallel() throws Exception {
        Path a = fx.bareRemote("a");
        Path b = fx.bareRemote("b");
        Path c = fx.bareRemote("c");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE)).call();

        assertThat(result.outcomes()).as(result.toString()).extracting(PushOutcome::id, PushOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a/main", PushStatus.PUSHED),
                        org.assertj.core.groups.Tuple.tuple("b/main", PushStatus.PUSHED),
                        org.assertj.core.groups.Tuple.tuple("c/main", PushStatus.PUSHED));
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONVERGED);
        for (Path bare : List.of(a, b, c)) {
            assertThat(fx.lsRemote(bare)).containsEntry("main", fx.headSha());
        }
        // The remote-tracking branch moved too, as git push would have done: it is the next lease.
        assertThat(fx.work.getRepository().resolve("refs/remotes/a/main")).isEqualTo(fx.head());

        RemotesPushResult again = new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE)).call();
        assertThat(again.outcomes()).allMatch(o -> o.status() == PushStatus.UP_TO_DATE);
    }

    @Test
    void branchGlobsChooseWhichMirrorsGetWhichBranches() throws Exception {
        Path everything = fx.bareRemote("everything");
        Path releases = fx.bareRemote("releases");
        fx.work.branchCreate().setName("release/1.0").call();
        fx.work.branchCreate().setName("feature/x").call();
        RemotesConfig config = config(remote("everything", 1, ForcePush.BLOCK),
                remote("releases", 2, ForcePush.BLOCK, "main", "release/*"));

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config).setAllBranches(true).setSequential(true).call();

        assertThat(result.outcomes()).extracting(PushOutcome::id).containsExactly(
                "everything/feature/x", "everything/main", "everything/release/1.0", "releases/main", "releases/release/1.0");
        assertThat(fx.lsRemote(everything)).containsOnlyKeys("main", "release/1.0", "feature/x");
        assertThat(fx.lsRemote(releases)).containsOnlyKeys("main", "release/1.0");
    }

    @Test
    void aRemoteRewrittenByAForcePushElsewhereIsNeverOverwritten() throws Exception {
        Path blocked = fx.bareRemote("blocked");
        Path allowed = fx.bareRemote("allowed");
        RemotesConfig config = config(remote("blocked", 1, ForcePush.BLOCK), remote("allowed", 2, ForcePush.ALLOW));
        new RemotesPush(fx.work.getRepository(), config).call();
        String rewrittenBlocked = fx.rewriteFromOtherClone(blocked, "main");
        String rewrittenAllowed = fx.rewriteFromOtherClone(allowed, "main");
        fx.commit("local work");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config).call();

        assertThat(result.outcomes()).extracting(PushOutcome::status).containsOnly(PushStatus.BLOCKED);
        assertThat(result.outcomes()).extracting(PushOutcome::before).containsOnly(BranchState.UNKNOWN);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.hint()).contains("git fetch " + o.remote()));
        assertThat(result.exitCode()).isEqualTo(ExitCode.ITEM_FAILED);
        // Even force_push: allow does not lease over a commit this repository has never seen.
        assertThat(result.outcomes().get(1).message()).contains("never seen");
        assertThat(fx.lsRemote(blocked)).containsEntry("main", rewrittenBlocked);
        assertThat(fx.lsRemote(allowed)).containsEntry("main", rewrittenAllowed);
    }

    @Test
    void allowForcesALocalRewriteWithALeaseOnTheCommitLastSeen() throws Exception {
        Path allowed = fx.bareRemote("allowed");
        Path blocked = fx.bareRemote("blocked");
        RemotesConfig config = config(remote("allowed", 1, ForcePush.ALLOW), remote("blocked", 2, ForcePush.BLOCK));
        fx.commit("to be amended");
        new RemotesPush(fx.work.getRepository(), config).call();
        String before = fx.headSha();
        fx.work.commit().setAmend(true).setMessage("amended").setSign(false).call();

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config).call();

        assertThat(result.outcomes()).extracting(PushOutcome::remote, PushOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("allowed", PushStatus.PUSHED),
                org.assertj.core.groups.Tuple.tuple("blocked", PushStatus.BLOCKED));
        assertThat(result.outcomes().get(0).before()).isEqualTo(BranchState.DIVERGED);
        assertThat(fx.lsRemote(allowed)).containsEntry("main", fx.headSha());
        assertThat(fx.lsRemote(blocked)).containsEntry("main", before);
    }

    @Test
    void allowRefusesWhenTheRemoteMovedSinceItWasLastFetched() throws Exception {
        Path allowed = fx.bareRemote("allowed");
        RemotesConfig config = config(remote("allowed", 1, ForcePush.ALLOW));
        new RemotesPush(fx.work.getRepository(), config).call();
        String theirs = fx.advanceFromOtherClone(allowed, "main");
        // The work repository learns the new commit under another name, not as allowed/main.
        fx.git(fx.work.getRepository().getWorkTree().toPath(), "fetch", "-q", allowed.toUri().toString(), "main:refs/seen/elsewhere");
        fx.commit("local work");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), config).call();

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(PushStatus.BLOCKED);
            assertThat(o.before()).isEqualTo(BranchState.DIVERGED);
            assertThat(o.message()).contains("moved since it was last fetched");
        });
        assertThat(fx.lsRemote(allowed)).containsEntry("main", theirs);
    }

    @Test
    void warnRefusesOffATerminalUnlessForcedOrConfirmed() throws Exception {
        Path warned = fx.bareRemote("warned");
        RemotesConfig config = config(remote("warned", 1, ForcePush.WARN));
        fx.commit("to be amended");
        new RemotesPush(fx.work.getRepository(), config).call();
        String before = fx.headSha();
        fx.work.commit().setAmend(true).setMessage("amended").setSign(false).call();

        assertThat(new RemotesPush(fx.work.getRepository(), config).call().outcomes())
                .singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.BLOCKED);
        assertThat(new RemotesPush(fx.work.getRepository(), config).setConfirmation(q -> false).call().outcomes())
                .singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.BLOCKED);
        assertThat(fx.lsRemote(warned)).containsEntry("main", before);

        RemotesPushResult forced = new RemotesPush(fx.work.getRepository(), config).setForce(true).call();

        assertThat(forced.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(PushStatus.PUSHED);
            assertThat(o.message()).contains("lease");
        });
        assertThat(fx.lsRemote(warned)).containsEntry("main", fx.headSha());
    }

    @Test
    void aRemoteAheadOfTheLocalBranchIsLeftAloneAndTheUserToldHowToCatchUp() throws Exception {
        Path origin = fx.bareRemote("origin");
        new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE)).call();
        String theirs = fx.advanceFromOtherClone(origin, "main");
        fx.git(fx.work.getRepository().getWorkTree().toPath(), "fetch", "-q", "origin");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE)).call();

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(PushStatus.BEHIND);
            assertThat(o.hint()).isEqualTo("git pull --ff-only origin main");
        });
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICTS);
        assertThat(fx.lsRemote(origin)).containsEntry("main", theirs);
    }

    @Test
    void dryRunPlansWithoutWriting() throws Exception {
        Path a = fx.bareRemote("a");

        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE))
                .setDryRun(true).call();

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(PushStatus.PLANNED);
            assertThat(o.message()).isEqualTo("create branch");
        });
        assertThat(fx.lsRemote(a)).isEmpty();
    }

    @Test
    void badNamesAreUsageErrorsAndNothingIsPushed() throws Exception {
        Path a = fx.bareRemote("a");
        RemotesConfig releasesOnly = config(remote("a", 1, ForcePush.BLOCK, "release/*"));

        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT).setBranches(List.of("nope")).call())
                .isInstanceOf(UsageException.class).hasMessageContaining("branch 'nope' does not exist");
        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT).setRemotes(List.of("nope")).call())
                .isInstanceOf(UsageException.class).hasMessageContaining("remote 'nope'");
        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), releasesOnly).setBranches(List.of("main")).call())
                .isInstanceOf(UsageException.class).hasMessageContaining("mirrored by no remote");
        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), config(remote("ghost", 1, ForcePush.BLOCK))).call())
                .isInstanceOf(dev.converge.core.ConfigException.class).hasMessageContaining("'ghost'");
        assertThat(fx.lsRemote(a)).isEmpty();
    }

    @Test
    void aDetachedHeadNeedsABranchNamedAndAllBranchesStillWork() throws Exception {
        Path a = fx.bareRemote("a");
        fx.work.checkout().setName(fx.headSha()).call();

        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT).call())
                .isInstanceOf(UsageException.class).hasMessageContaining("HEAD is detached");
        RemotesPushResult result = new RemotesPush(fx.work.getRepository(), RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE))
                .setAllBranches(true).call();

        assertThat(result.outcomes()).singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.PUSHED);
        assertThat(fx.lsRemote(a)).containsEntry("main", fx.headSha());
    }

    @Test
    void aBranchGlobThatMatchesNothingIsAnErrorNamingItAndTheRemoteAndNothingIsPushed() throws Exception {
        Path a = fx.bareRemote("a");
        Path b = fx.bareRemote("b");
        RemoteSettings typo = new RemoteSettings("b", 2, List.of(new BranchGlob("main", "/repo/.converge.yaml:3:17", "remotes.b.branches[0]"),
                new BranchGlob("relase/*", "/repo/.converge.yaml:3:25", "remotes.b.branches[1]")), ForcePush.BLOCK, null, true);
        RemotesConfig config = config(remote("a", 1, ForcePush.BLOCK), typo);

        assertThatThrownBy(() -> new RemotesPush(fx.work.getRepository(), config).call())
                .isInstanceOf(dev.converge.core.ConfigException.class)
                .hasMessage("/repo/.converge.yaml:3:25: remotes.b.branches[1]: branch glob 'relase/*' of remote 'b' matches no local branch;"
                        + " local branches: main")
                .extracting(e -> ((dev.converge.core.ConvergeException) e).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThatThrownBy(() -> new RemotesStatus(fx.work.getRepository(), config).call())
                .hasMessageContaining("branch glob 'relase/*' of remote 'b' matches no local branch");
        assertThat(fx.lsRemote(a)).isEmpty();
        assertThat(fx.lsRemote(b)).isEmpty();
    }
}
