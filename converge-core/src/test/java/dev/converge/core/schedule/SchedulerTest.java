package dev.converge.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.UsageException;
import dev.converge.core.state.SqliteStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules, leases and the daemon loop on a real SQLite state file, with a clock the test moves. */
class SchedulerTest {
    private static final Instant CREATED = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(CREATED);
    private final List<SqliteStateStore> open = new ArrayList<>();
    private ScheduleStore schedules;

    @BeforeEach
    void store() throws Exception {
        schedules = ScheduleStore.of(open());
    }

    @AfterEach
    void close() throws Exception {
        for (SqliteStateStore s : open) {
            s.close();
        }
    }

    /** Another connection to the same state file, as a second process would have. */
    private SqliteStateStore open() throws Exception {
        SqliteStateStore s = SqliteStateStore.open(dir.resolve("state.db"));
        open.add(s);
        return s;
    }

    private void add(String name, String cron) throws Exception {
        schedules.add(new Schedule(name, CronExpression.parse(cron), List.of("repos", "sync", name), dir, clock.instant(),
                clock.instant(), null, null, null));
    }

    @Test
    void runDueRunsOnlyWhatIsDueAndRecordsIt() throws Exception {
        add("two", "0 2 * * *");
        add("three", "0 3 * * *");
        List<String> ran = new CopyOnWriteArrayList<>();
        Scheduler scheduler = new Scheduler(schedules, s -> {
            ran.add(s.name());
            return s.name().equals("two") ? 0 : 1;
        }, "me").setClock(clock);

        assertThat(scheduler.runDue()).as("nothing fired since they were stored").isEmpty();
        clock.set(Instant.parse("2026-11-21T02:30:00Z"));
        List<ScheduleRun> runs = scheduler.runDue();

        assertThat(ran).containsExactly("two");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.fire()).isEqualTo(Instant.parse("2026-11-21T02:00:00Z"));
            assertThat(r.exitCode()).isZero();
        });
        Schedule two = schedules.find("two").orElseThrow();
        assertThat(two.lastRun()).isEqualTo(clock.instant());
        assertThat(two.lastExit()).isZero();
        assertThat(two.lastRunner()).isEqualTo("me");
        assertThat(schedules.find("three").orElseThrow().lastRun()).isNull();
        assertThat(scheduler.runDue()).as("answered already").isEmpty();
        assertThat(ran).containsExactly("two");
    }

    @Test
    void aScheduleMissedManyTimesRunsOnceOnStart() throws Exception {
        add("nightly", "0 2 * * *");
        clock.set(Instant.parse("2026-11-27T09:00:00Z")); // six nights missed
        AtomicInteger runs = new AtomicInteger();
        Scheduler scheduler = new Scheduler(schedules, s -> runs.incrementAndGet() * 0, "me").setClock(clock);
        ScheduleDaemon daemon = new ScheduleDaemon(scheduler);
        List<Duration> sleeps = new ArrayList<>();
        daemon.setSleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
            if (sleeps.size() == 3) {
                daemon.stop();
            }
        });

        daemon.run();

        assertThat(runs.get()).isEqualTo(1);
        assertThat(schedules.find("nightly").orElseThrow().lastFire()).isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(sleeps).as("sleeps are capped by the poll interval").allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void theDaemonFiresEachTimeTheCronComesRound() throws Exception {
        add("quarter", "*/15 * * * *");
        List<Instant> fired = new CopyOnWriteArrayList<>();
        Scheduler scheduler = new Scheduler(schedules, s -> {
            fired.add(clock.instant());
            return 0;
        }, "me").setClock(clock);
        ScheduleDaemon daemon = new ScheduleDaemon(scheduler).setPoll(Duration.ofHours(1));
        daemon.setSleeper(d -> {
            clock.advance(d);
            if (clock.instant().isAfter(Instant.parse("2026-11-20T13:00:00Z"))) {
                daemon.stop();
            }
        });

        daemon.run();

        assertThat(fired).containsExactly(Instant.parse("2026-11-20T12:15:00Z"), Instant.parse("2026-11-20T12:30:00Z"),
                Instant.parse("2026-11-20T12:45:00Z"), Instant.parse("2026-11-20T13:00:00Z"));
    }

    @Test
    void aHeldLeaseKeepsOthersOutUntilItExpiresThenItIsReclaimed() throws Exception {
        add("nightly", "0 2 * * *");
        Instant now = Instant.parse("2026-11-21T02:00:30Z");
        ScheduleStore other = ScheduleStore.of(open());

        assertThat(schedules.tryLease("nightly", "crashed", now, Duration.ofMinutes(2))).isTrue();
        assertThat(other.tryLease("nightly", "b", now.plusSeconds(60), Duration.ofMinutes(2))).isFalse();
        assertThat(other.renewLease("nightly", "b", now.plusSeconds(60), Duration.ofMinutes(2))).isFalse();
        assertThat(other.tryLease("nightly", "b", now.plusSeconds(120), Duration.ofMinutes(2))).as("expired").isTrue();
        assertThat(schedules.renewLease("nightly", "crashed", now.plusSeconds(121), Duration.ofMinutes(2)))
                .as("the old owner lost it").isFalse();
        schedules.releaseLease("nightly", "crashed");
        assertThat(schedules.tryLease("nightly", "c", now.plusSeconds(130), Duration.ofMinutes(2)))
                .as("a release by a former owner does not free another's lease").isFalse();
    }

    @Test
    void aScheduleLeasedByADaemonThatDiedRunsOnceTheLeaseExpires() throws Exception {
        add("nightly", "0 2 * * *");
        clock.set(Instant.parse("2026-11-21T02:00:30Z"));
        schedules.tryLease("nightly", "died", clock.instant(), Duration.ofMinutes(2));
        AtomicInteger runs = new AtomicInteger();
        Scheduler scheduler = new Scheduler(ScheduleStore.of(open()), s -> runs.incrementAndGet() * 0, "heir").setClock(clock);

        assertThat(scheduler.runDue()).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(scheduler.runDue()).hasSize(1);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aLongRunKeepsItsLeaseRenewedSoNoOneElseStartsIt() throws Exception {
        add("slow", "0 2 * * *");
        clock.set(Instant.parse("2026-11-21T02:00:10Z"));
        Duration lease = Duration.ofMillis(300);
        long firstExpiry = clock.instant().plus(lease).toEpochMilli();
        ScheduleStore other = ScheduleStore.of(open());
        List<Boolean> othersTry = new CopyOnWriteArrayList<>();
        Scheduler scheduler = new Scheduler(schedules, s -> {
            clock.advance(Duration.ofSeconds(5)); // far past the lease as first taken
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"))) {
                for (int i = 0; i < 300 && expiry(c) <= firstExpiry; i++) {
                    Thread.sleep(100); // until the renewal has been written; bounded, not timed
                }
                othersTry.add(other.tryLease("slow", "other", clock.instant(), lease));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return 0;
        }, "me").setClock(clock).setLease(lease);

        assertThat(scheduler.runDue()).hasSize(1);
        assertThat(othersTry).containsExactly(false);
        assertThat(other.tryLease("slow", "other", clock.instant(), lease)).as("released after the run").isTrue();
    }

    private static long expiry(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT expires_at FROM schedule_leases WHERE name = 'slow'")) {
            return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
        }
    }

    @Test
    void twoDaemonsOnOneStateFileNeverRunOneScheduleAtOnceAndEachDueRunHappensOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            add("s" + i, "0 2 * * *");
        }
        clock.set(Instant.parse("2026-11-21T02:00:10Z"));
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        ScheduleStore storeA = ScheduleStore.of(open());
        ScheduleStore storeB = ScheduleStore.of(open());
        // Each run asks, while it holds the schedule, whether the other daemon could take it now:
        // a direct check of the exclusion instead of hoping a sleep lets the other daemon collide.
        java.util.function.BiFunction<ScheduleStore, String, ScheduleExecutor> work = (other, otherOwner) -> s -> {
            if (running.computeIfAbsent(s.name(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            runs.computeIfAbsent(s.name(), k -> new AtomicInteger()).incrementAndGet();
            try {
                if (other.tryLease(s.name(), otherOwner, clock.instant(), Duration.ofMinutes(2))) {
                    overlaps.incrementAndGet();
                }
            } catch (dev.converge.core.ConvergeException e) {
                throw new IllegalStateException(e);
            }
            running.get(s.name()).decrementAndGet();
            return 0;
        };
        List<Scheduler> daemons = List.of(new Scheduler(storeA, work.apply(storeB, "b"), "a").setClock(clock),
                new Scheduler(storeB, work.apply(storeA, "a"), "b").setClock(clock));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<ScheduleRun>>> results = new ArrayList<>();
            for (Scheduler d : daemons) {
                results.add(pool.submit(() -> {
                    bothStarted.countDown();
                    bothStarted.await();
                    return d.runDue();
                }));
            }
            int total = 0;
            for (Future<List<ScheduleRun>> f : results) {
                total += f.get(2, TimeUnit.MINUTES).size();
            }
            assertThat(total).isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps.get()).isZero();
        assertThat(runs).hasSize(6).allSatisfy((name, n) -> assertThat(n.get()).as(name).isEqualTo(1));
        assertThat(daemons.get(0).runDue()).isEmpty();
        assertThat(daemons.get(1).runDue()).isEmpty();
    }

    @Test
    void aNameIsTakenOnceAndRemovingTakesTheLeaseWithIt() throws Exception {
        add("nightly", "0 2 * * *");

        assertThatThrownBy(() -> add("nightly", "0 3 * * *")).isInstanceOf(UsageException.class)
                .hasMessageContaining("a schedule named 'nightly' exists already");
        schedules.tryLease("nightly", "a", clock.instant(), Duration.ofMinutes(2));
        assertThat(schedules.remove("nightly")).isTrue();
        assertThat(schedules.remove("nightly")).isFalse();
        assertThat(schedules.list()).isEmpty();
        add("nightly", "0 3 * * *");
        assertThat(schedules.tryLease("nightly", "b", clock.instant(), Duration.ofMinutes(2))).isTrue();
    }
}
