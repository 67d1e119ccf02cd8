package dev.converge.remotes;

import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.config.RetrySettings;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The performance targets, measured over the loopback HTTP server; run by
 * {@code bench/remotes.sh} (skipped unless {@code -Dbench=true}, since timings on a shared machine
 * say little inside a test run). Prints medians; asserts only that every push landed.
 */
class RemotesBenchmark {
    private static final int MIRRORS = 8;
    private static final int ROUNDS = 5;
    @TempDir
    Path tmp;

    @Test
    void pushToEightMirrorsAgainstOneAndAgainstAShellLoop() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "run with -Dbench=true (bench/remotes.sh)");
        Path served = tmp.resolve("served");
        try (GitFixture fx = new GitFixture(tmp); HttpGitServer server = new HttpGitServer(served, 0)) {
            for (int i = 0; i < MIRRORS; i++) {
                Git.init().setBare(true).setDirectory(served.resolve("m" + i + ".git").toFile()).setInitialBranch("main").call().close();
                fx.addRemote("m" + i, server.url("git", "m" + i));
            }
            Git.init().setBare(true).setDirectory(served.resolve("solo.git").toFile()).setInitialBranch("main").call().close();
            Path soloRepo = tmp.resolve("solo-work");
            fx.git(tmp, "clone", "-q", fx.work.getRepository().getWorkTree().toString(), soloRepo.toString());
            RemotesConfig config = RemotesConfig.DEFAULT.withRetry(RetrySettings.NONE);
            new RemotesPush(fx.work.getRepository(), config).call(); // warm-up: JIT, first pack, connections

            List<Long> eight = new ArrayList<>();
            List<Long> sequential = new ArrayList<>();
            List<Long> loop = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                fx.commit("round " + round);
                long t = System.nanoTime();
                RemotesPushResult r = new RemotesPush(fx.work.getRepository(), config).call();
                eight.add(System.nanoTime() - t);
                assertThat(r.outcomes()).hasSize(MIRRORS).allMatch(o -> o.status() == PushStatus.PUSHED);

                fx.commit("sequential " + round);
                t = System.nanoTime();
                new RemotesPush(fx.work.getRepository(), config).setSequential(true).call();
                sequential.add(System.nanoTime() - t);

                fx.git(fx.work.getRepository().getWorkTree().toPath(), "commit", "-q", "--allow-empty", "-m", "loop " + round);
                t = System.nanoTime();
                for (int i = 0; i < MIRRORS; i++) {
                    fx.git(fx.work.getRepository().getWorkTree().toPath(), "push", "-q", "m" + i, "main");
                }
                loop.add(System.nanoTime() - t);
            }
            List<Long> one = new ArrayList<>();
            try (Git solo = Git.open(soloRepo.toFile())) {
                var cfg = solo.getRepository().getConfig();
                cfg.unsetSection("remote", "origin");
                cfg.setString("remote", "solo", "url", server.url("git", "solo"));
                cfg.save();
                new RemotesPush(solo.getRepository(), config).call();
                for (int round = 0; round < ROUNDS; round++) {
                    fx.git(soloRepo, "commit", "-q", "--allow-empty", "-m", "solo " + round);
                    long t = System.nanoTime();
                    new RemotesPush(solo.getRepository(), config).call();
                    one.add(System.nanoTime() - t);
                }
            }
            long m8 = median(eight);
            long m1 = median(one);
            long ml = median(loop);
            System.out.printf("BENCH push 1 commit: 1 mirror %d ms; %d mirrors %d ms in parallel (%.2fx one), %d ms sequential;"
                            + " shell loop of git push %d ms (%.2fx converge)%n",
                    m1 / 1_000_000, MIRRORS, m8 / 1_000_000, (double) m8 / m1, median(sequential) / 1_000_000,
                    ml / 1_000_000, (double) ml / m8);
        }
    }

    @Test
    void statusOfEightMirrorsWithFiftyBranches() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "run with -Dbench=true (bench/remotes.sh)");
        Path served = tmp.resolve("served");
        try (GitFixture fx = new GitFixture(tmp); HttpGitServer server = new HttpGitServer(served, 0)) {
            for (int b = 0; b < 50; b++) {
                fx.work.branchCreate().setName("branch-" + b).call();
            }
            for (int i = 0; i < MIRRORS; i++) {
                Git.init().setBare(true).setDirectory(served.resolve("m" + i + ".git").toFile()).setInitialBranch("main").call().close();
                fx.addRemote("m" + i, server.url("git", "m" + i));
            }
            RemotesConfig config = RemotesConfig.DEFAULT.withRetry(RetrySettings.NONE);
            new RemotesPush(fx.work.getRepository(), config).setAllBranches(true).call();
            fx.commit("one ahead on main");
            List<Long> times = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long t = System.nanoTime();
                StatusResult status = new RemotesStatus(fx.work.getRepository(), config).call();
                times.add(System.nanoTime() - t);
                assertThat(status.remotes()).allSatisfy(r -> assertThat(r.branches()).hasSize(51));
            }
            System.out.printf("BENCH status: %d mirrors x 51 branches: first %d ms, median %d ms%n",
                    MIRRORS, times.get(0) / 1_000_000, median(times) / 1_000_000);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
