package dev.converge.remotes;

import dev.converge.core.retry.RetryPolicy;
import dev.converge.remotes.config.RemotesConfig;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The performance targets, measured over the loopback HTTP server; run by
 * {@code bench/remotes.sh} (skipped unless {@code -Dbench=true}, since timings on a shared machine
 * say little inside a test run). Prints medians of wall time and of CPU time (this JVM's, and the
 * server's when it runs in a process of its own: {@code -Dbench.server=process}); asserts only that
 * every push landed.
 */
class RemotesBenchmark {
    private static final int MIRRORS = 8;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    /**
     * Untimed rounds first: the JIT compiler otherwise takes as much CPU as the pushes themselves
     * (JFR's per-thread CPU showed C2 compiler threads level with the main thread over 30 rounds),
     * and on two shared cores it competes with the server.
     */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final RemotesConfig CONFIG = RemotesConfig.DEFAULT.withRetry(RetryPolicy.NONE);
    @TempDir
    Path tmp;

    /** The JGit smart-HTTP server, in this JVM or in one of its own. */
    private interface Served extends AutoCloseable {
        String url(String name);

        /** CPU the server process has used so far, or zero when it shares this JVM. */
        Duration cpu();

        String mode();
    }

    private static Served serve(Path dir) throws Exception {
        if ("process".equals(System.getProperty("bench.server"))) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    HttpGitServer.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            while (line != null && !line.trim().matches("\\d+")) {
                line = lines.readLine(); // a JVM option (JAVA_TOOL_OPTIONS, a profiler) may say something first
            }
            int port = Integer.parseInt(String.valueOf(line).trim());
            return new Served() {
                public String url(String name) {
                    return "http://127.0.0.1:" + port + "/git/" + name + ".git";
                }

                public Duration cpu() {
                    return p.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
                }

                public String mode() {
                    return "server in its own process";
                }

                public void close() throws Exception {
                    p.getOutputStream().close();
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            };
        }
        HttpGitServer server = new HttpGitServer(dir, 0);
        return new Served() {
            public String url(String name) {
                return server.url("git", name);
            }

            public Duration cpu() {
                return Duration.ZERO;
            }

            public String mode() {
                return "server in the same JVM";
            }

            public void close() throws Exception {
                server.close();
            }
        };
    }

    /** CPU this JVM has used so far (client, and the server when it runs here). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU of this JVM's live Java threads (the carriers of the virtual threads that push among them),
     * without the JIT compiler and GC threads, which the process CPU counts too. Per-thread CPU is
     * read to the nanosecond, where the process CPU comes in 10 ms ticks; a thread that ends between
     * two readings is not counted (JGit's per-connection timer threads, for one).
     */
    private static long javaThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    /** Wall, own CPU, own Java threads' CPU and server CPU of one measured step, in nanoseconds. */
    private record Sample(long wall, long cpu, long javaCpu, long serverCpu) {
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Sample measure(Served served, Step step) throws Exception {
        long cpu = ownCpuNanos();
        long javaCpu = javaThreadsCpuNanos();
        long server = served.cpu().toNanos();
        long t = System.nanoTime();
        step.run();
        long wall = System.nanoTime() - t;
        return new Sample(wall, ownCpuNanos() - cpu, javaThreadsCpuNanos() - javaCpu, served.cpu().toNanos() - server);
    }

    @Test
    void pushToEightMirrorsAgainstOneAndAgainstAShellLoop() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "run with -Dbench=true (bench/remotes.sh)");
        Path served = tmp.resolve("served");
        for (int i = 0; i < MIRRORS; i++) {
            serveBare(served.resolve("m" + i + ".git"));
        }
        serveBare(served.resolve("solo.git"));
        try (GitFixture fx = new GitFixture(tmp); Served server = serve(served)) {
            for (int i = 0; i < MIRRORS; i++) {
                fx.addRemote("m" + i, server.url("m" + i));
            }
            Path soloRepo = tmp.resolve("solo-work");
            fx.git(tmp, "clone", "-q", fx.work.getRepository().getWorkTree().toString(), soloRepo.toString());
            Path workTree = fx.work.getRepository().getWorkTree().toPath();
            new RemotesPush(fx.work.getRepository(), CONFIG).call(); // warm-up: JIT, first pack, connections
            try (Git solo = Git.open(soloRepo.toFile())) {
                var cfg = solo.getRepository().getConfig();
                cfg.unsetSection("remote", "origin");
                cfg.setString("remote", "solo", "url", server.url("solo"));
                cfg.save();
                new RemotesPush(solo.getRepository(), CONFIG).call();

                List<Sample> one = new ArrayList<>();
                List<Sample> eight = new ArrayList<>();
                List<Sample> sequential = new ArrayList<>();
                List<Sample> loop = new ArrayList<>();
                // Interleaved, so that a change in the machine's load hits every variant alike.
                for (int round = -WARMUP; round < ROUNDS; round++) {
                    if (round == 0) {
                        one.clear();
                        eight.clear();
                        sequential.clear();
                        loop.clear();
                    }
                    fx.git(soloRepo, "commit", "-q", "--allow-empty", "-m", "solo " + round);
                    one.add(measure(server, () -> assertThat(new RemotesPush(solo.getRepository(), CONFIG).call().outcomes())
                            .singleElement().extracting(PushOutcome::status).isEqualTo(PushStatus.PUSHED)));

                    fx.commit("round " + round);
                    eight.add(measure(server, () -> assertThat(new RemotesPush(fx.work.getRepository(), CONFIG).call().outcomes())
                            .hasSize(MIRRORS).allMatch(o -> o.status() == PushStatus.PUSHED)));

                    fx.commit("sequential " + round);
                    sequential.add(measure(server, () -> new RemotesPush(fx.work.getRepository(), CONFIG).setSequential(true).call()));

                    fx.git(workTree, "commit", "-q", "--allow-empty", "-m", "loop " + round);
                    loop.add(measure(server, () -> {
                        for (int i = 0; i < MIRRORS; i++) {
                            fx.git(workTree, "push", "-q", "m" + i, "main");
                        }
                    }));
                }
                long m1 = median(one, Sample::wall);
                long m8 = median(eight, Sample::wall);
                long ml = median(loop, Sample::wall);
                System.out.printf("BENCH push 1 commit (%s, %d rounds after %d warm-up, load %s): 1 mirror %d ms; %d mirrors %d ms in parallel"
                                + " (%.2fx one), %d ms sequential; shell loop of git push %d ms (%.2fx converge)%n",
                        server.mode(), ROUNDS, WARMUP, load(), ms(m1), MIRRORS, ms(m8), (double) m8 / m1,
                        ms(median(sequential, Sample::wall)), ms(ml), (double) ml / m8);
                System.out.printf("BENCH cpu per push (median; this JVM / server process): 1 mirror %d / %d ms; %d mirrors %d / %d ms;"
                                + " sequential %d / %d ms%n",
                        ms(median(one, Sample::cpu)), ms(median(one, Sample::serverCpu)), MIRRORS,
                        ms(median(eight, Sample::cpu)), ms(median(eight, Sample::serverCpu)),
                        ms(median(sequential, Sample::cpu)), ms(median(sequential, Sample::serverCpu)));
                // Means, since the 10 ms ticks of process CPU make single samples (and so medians) coarse.
                System.out.printf("BENCH mean cpu per push over %d rounds (this JVM [its Java threads] / server process):"
                                + " 1 mirror %.1f [%.1f] / %.1f ms; %d mirrors %.1f [%.1f] / %.1f ms; sequential %.1f [%.1f] / %.1f ms%n",
                        ROUNDS, mean(one, Sample::cpu), mean(one, Sample::javaCpu), mean(one, Sample::serverCpu), MIRRORS,
                        mean(eight, Sample::cpu), mean(eight, Sample::javaCpu), mean(eight, Sample::serverCpu),
                        mean(sequential, Sample::cpu), mean(sequential, Sample::javaCpu), mean(sequential, Sample::serverCpu));
            }
        }
    }

    @Test
    void statusOfEightMirrorsWithFiftyBranches() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "run with -Dbench=true (bench/remotes.sh)");
        Path served = tmp.resolve("served");
        for (int i = 0; i < MIRRORS; i++) {
            serveBare(served.resolve("m" + i + ".git"));
        }
        try (GitFixture fx = new GitFixture(tmp); Served server = serve(served)) {
            for (int b = 0; b < 50; b++) {
                fx.work.branchCreate().setName("branch-" + b).call();
            }
            for (int i = 0; i < MIRRORS; i++) {
                fx.addRemote("m" + i, server.url("m" + i));
            }
            new RemotesPush(fx.work.getRepository(), CONFIG).setAllBranches(true).call();
            fx.commit("one ahead on main");
            List<Long> times = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long t = System.nanoTime();
                StatusResult status = new RemotesStatus(fx.work.getRepository(), CONFIG).call();
                times.add(System.nanoTime() - t);
                assertThat(status.remotes()).allSatisfy(r -> assertThat(r.branches()).hasSize(51));
            }
            System.out.printf("BENCH status (%s): %d mirrors x 51 branches: first %d ms, median %d ms%n",
                    server.mode(), MIRRORS, ms(times.get(0)), ms(median(times, x -> x)));
        }
    }

    /**
     * A bare repository for the server. JGit's receive-pack runs an automatic GC every 50 or so pushes
     * (one pack per push), in the background by default; its pack-refs then holds ref locks while the
     * next push comes in, which the server rejects ("failed to lock"), failing a round at random.
     * In the foreground the GC finishes within the push that set it off.
     */
    private static void serveBare(Path dir) throws Exception {
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            var config = git.getRepository().getConfig();
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
        }
    }

    private static <T> long median(List<T> values, java.util.function.ToLongFunction<T> of) {
        List<Long> sorted = new ArrayList<>(values.stream().map(of::applyAsLong).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Mean in milliseconds. */
    private static <T> double mean(List<T> values, java.util.function.ToLongFunction<T> of) {
        return values.stream().mapToLong(of).average().orElse(0) / 1e6;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
