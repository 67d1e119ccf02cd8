package dev.converge.repos;

import dev.converge.core.model.Base;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Plan;
import dev.converge.core.pipeline.Apply;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.LocalProvider;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any sequence of upstream pushes and local commits, and any conflict strategy: a sync
 * followed by a second sync makes the second a no-op, and no local commit is ever lost.
 * Real repositories, so the number of tries is kept small.
 */
class SyncTwiceIsANoOpPropertyTest {
    private final IsolatedGit git = new IsolatedGit();

    /** One edit in the history: who makes it, to which file, with what line. */
    record Edit(boolean upstream, String file, String line) {
    }

    @BeforeProperty
    void isolate() throws IOException {
        git.start();
    }

    @AfterProperty
    void restore() {
        git.stop();
    }

    @Provide
    Arbitrary<List<Edit>> histories() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("a.txt", "b.txt"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 8)
    void aSecondSyncChangesNothingAndLocalCommitsSurvive(@ForAll("histories") List<Edit> history,
                                                         @ForAll ConflictStrategy strategy) throws Exception {
        Path tmp = Files.createTempDirectory("converge-prop-");
        try (Upstream upstream = Upstream.create(tmp.resolve("srv/org/app.git"))) {
            Map<String, Base> bases = new ConcurrentHashMap<>();
            Path into = tmp.resolve("ws");
            sync(tmp, into, bases, strategy);
            Path clone = into.resolve("org/app");
            List<String> localCommits = new ArrayList<>();
            for (Edit edit : history) {
                if (edit.upstream()) {
                    upstream.push(edit.file(), edit.line() + "\n", "upstream " + edit.line());
                } else {
                    Files.writeString(clone.resolve(edit.file()), edit.line() + "\n");
                    git.git(clone, "add", edit.file());
                    git.git(clone, "commit", "-q", "--allow-empty", "-m", "local " + edit.line());
                    localCommits.add(git.git(clone, "rev-parse", "HEAD"));
                }
            }

            List<Outcome> first = sync(tmp, into, bases, strategy);
            String headAfterFirst = git.git(clone, "rev-parse", "HEAD");
            List<Outcome> second = sync(tmp, into, bases, strategy);

            assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(headAfterFirst);
            assertThat(git.git(clone, "status", "--porcelain=v1")).isEmpty();
            for (String commit : localCommits) {
                assertThat(git.tryGit(clone, "merge-base", "--is-ancestor", commit, "HEAD").exitCode())
                        .as("local commit %s is kept", commit).isZero();
            }
            if (first.stream().allMatch(Outcome::isSuccessful)) {
                assertThat(second).as("nothing to do after a successful sync").isEmpty();
                assertThat(git.tryGit(clone, "merge-base", "--is-ancestor", upstream.head(), "HEAD").exitCode()).isZero();
            } else {
                assertThat(strategy).isIn(ConflictStrategy.SKIP, ConflictStrategy.INTERACTIVE);
                assertThat(second).extracting(Outcome::status).containsOnly(Outcome.Status.CONFLICT);
            }
        } finally {
            FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
    }

    private static List<Outcome> sync(Path tmp, Path into, Map<String, Base> bases, ConflictStrategy strategy) throws Exception {
        RepoPattern all = RepoPattern.all();
        Plan<RepoItem> plan = RepoPlanner.into(into).bases(bases).pattern(all)
                .plan(new LocalProvider("here", tmp.resolve("srv")).discover(all));
        return new Apply<>(new RepoRunner(null, strategy, null, null))
                .setRecorder((outcome, applied) -> {
                    if (applied != null && applied.newBase() != null) {
                        bases.put(applied.newBase().itemId(), applied.newBase());
                    }
                })
                .call(plan.actions()).outcomes();
    }
}
