package dev.converge.repos;

import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Plan;
import dev.converge.core.pipeline.Apply;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.LocalProvider;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.converge.repos.testing.CloneEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.eclipse.jgit.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * discover → compare → plan → apply → record for a fleet under a local root, the record stage
 * kept in a map here: incremental no-op, an upstream push, a dirty clone and a repository that
 * disappeared from the provider; every case with the clones made by JGit and by the git binary.
 */
@ParameterizedClass
@EnumSource(CloneEngine.class)
class FleetSyncTest {
    @Parameter
    CloneEngine engine;

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    private final List<Upstream> upstreams = new ArrayList<>();
    private final Map<String, Base> bases = new ConcurrentHashMap<>();
    private LocalProvider provider;
    private Path into;

    @BeforeEach
    void fleet() throws Exception {
        for (String name : List.of("team/api", "team/web", "team/old")) {
            upstreams.add(Upstream.create(tmp.resolve("srv/" + name + ".git")));
        }
        provider = new LocalProvider("here", tmp.resolve("srv"));
        into = tmp.resolve("ws");
    }

    @AfterEach
    void close() {
        upstreams.forEach(Upstream::close);
    }

    private Plan<RepoItem> plan(SyncMode mode) throws Exception {
        RepoPattern pattern = RepoPattern.parse("team/*");
        return RepoPlanner.into(into).mode(mode).bases(bases).pattern(pattern).plan(provider.discover(pattern));
    }

    private List<Outcome> apply(Plan<RepoItem> plan) throws Exception {
        return new Apply<>(new RepoRunner(null, ConflictStrategy.SKIP, null, null).gitBinary(engine.binary(git))).setConcurrency(2)
                .setRecorder((outcome, applied) -> {
                    if (applied != null && applied.newBase() != null) {
                        bases.put(applied.newBase().itemId(), applied.newBase());
                    }
                })
                .call(plan.actions()).outcomes();
    }

    @Test
    void aSecondSyncWithNothingChangedIsANoOp() throws Exception {
        List<Outcome> first = apply(plan(SyncMode.SYNC));

        assertThat(first).extracting(o -> o.action().type()).containsOnly(ActionType.CLONE);
        assertThat(first).allMatch(Outcome::isSuccessful);
        assertThat(bases).containsOnlyKeys("team/api", "team/old", "team/web");

        Plan<RepoItem> second = plan(SyncMode.SYNC);
        assertThat(second.actions()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(3);
    }

    @Test
    void onlyWhatChangedUpstreamIsPulled() throws Exception {
        apply(plan(SyncMode.SYNC));
        String pushed = upstreams.get(1).push("index.html", "<p>new</p>\n", "New page");

        Plan<RepoItem> plan = plan(SyncMode.SYNC);
        List<Outcome> outcomes = apply(plan);

        assertThat(plan.actions()).extracting(Action::itemId).containsExactly("team/web");
        assertThat(plan.actions().get(0).reason()).isEqualTo("changed upstream");
        assertThat(outcomes.get(0).message()).startsWith("fast-forwarded ");
        assertThat(git.git(into.resolve("team/web"), "rev-parse", "HEAD")).isEqualTo(pushed);
        assertThat(plan(SyncMode.SYNC).actions()).isEmpty();
    }

    @Test
    void aDirtyCloneIsSkippedWithItsReasonAndRetriedNextTime() throws Exception {
        apply(plan(SyncMode.SYNC));
        upstreams.get(0).push("README.md", "upstream\n", "Upstream edit");
        Files.writeString(into.resolve("team/api/README.md"), "local edit\n");

        List<Outcome> outcomes = apply(plan(SyncMode.SYNC));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Outcome.Status.SKIPPED);
            assertThat(o.message()).isEqualTo("dirty working tree (1 changed, 0 untracked)");
        });
        assertThat(Files.readString(into.resolve("team/api/README.md"))).isEqualTo("local edit\n");
        assertThat(plan(SyncMode.SYNC).actions()).extracting(Action::itemId).containsExactly("team/api");
    }

    @Test
    void cloneAndPullModesDoOnlyTheirHalf() throws Exception {
        assertThat(plan(SyncMode.PULL).actions()).isEmpty();
        apply(plan(SyncMode.CLONE));
        upstreams.get(0).push("x.txt", "x\n", "X");

        assertThat(plan(SyncMode.CLONE).actions()).isEmpty();
        assertThat(plan(SyncMode.PULL).actions()).extracting(Action::itemId).containsExactly("team/api");
    }

    @Test
    void aRepositoryGoneFromTheProviderIsReportedAndItsCloneKept() throws Exception {
        apply(plan(SyncMode.SYNC));
        FileUtils.delete(tmp.resolve("srv/team/old.git").toFile(), FileUtils.RECURSIVE);

        List<Outcome> outcomes = apply(plan(SyncMode.SYNC));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.action().itemId()).isEqualTo("team/old");
            assertThat(o.status()).isEqualTo(Outcome.Status.SKIPPED);
            assertThat(o.message()).isEqualTo("no longer listed by the provider; local clone left in place");
        });
        assertThat(into.resolve("team/old/README.md")).exists();
    }

    @Test
    void aTargetThatIsNotARepositoryIsSkippedNotOverwritten() throws Exception {
        Files.createDirectories(into.resolve("team/web"));
        Files.writeString(into.resolve("team/web/mine.txt"), "mine\n");

        List<Outcome> outcomes = apply(plan(SyncMode.SYNC));

        assertThat(outcomes).filteredOn(o -> o.action().itemId().equals("team/web")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(Outcome.Status.SKIPPED));
        assertThat(into.resolve("team/web/mine.txt")).hasContent("mine");
    }
}
