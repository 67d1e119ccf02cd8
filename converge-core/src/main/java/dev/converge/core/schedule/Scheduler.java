package dev.converge.core.schedule;

import dev.converge.core.ConvergeException;
import dev.converge.core.retry.Faults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the schedules that are due, once each. A schedule is run only under its lease, and whether it
 * is due is decided again once the lease is ours: another daemon may have run it a moment ago, and its
 * record of that run is written before its lease is given back. The lease is renewed while the command
 * runs, so a long sync keeps it however short the lease.
 */
public final class Scheduler {
    /** A lease long enough that a daemon which dies is replaced soon, renewed well before it runs out. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final ScheduleStore schedules;
    private final ScheduleExecutor executor;
    private final String owner;
    private Clock clock = Clock.systemDefaultZone();
    private Duration lease = DEFAULT_LEASE;
    private Consumer<String> log = line -> { };

    /**
     * @param owner identifies this process among all that share the state file (host, pid, a random part)
     */
    public Scheduler(ScheduleStore schedules, ScheduleExecutor executor, String owner) {
        this.schedules = Objects.requireNonNull(schedules, "schedules");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** The time source: tests move a clock instead of waiting for a real cron. */
    public Scheduler setClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public Scheduler setLease(Duration lease) {
        this.lease = lease;
        return this;
    }

    /** Receives a line for each schedule passed over because another owner holds it, or whose lease was lost. */
    public Scheduler setLog(Consumer<String> log) {
        this.log = log;
        return this;
    }

    public Clock clock() {
        return clock;
    }

    public String owner() {
        return owner;
    }

    /** Runs every schedule due now, one after the other; returns what ran. */
    public List<ScheduleRun> runDue() throws ConvergeException {
        return runDue(() -> true);
    }

    /** As {@link #runDue()}, starting no further schedule once {@code keepGoing} says no. */
    public List<ScheduleRun> runDue(BooleanSupplier keepGoing) throws ConvergeException {
        List<ScheduleRun> runs = new ArrayList<>();
        for (Schedule s : schedules.list()) {
            if (!keepGoing.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                break;
            }
            if (s.dueAt(clock).isPresent()) {
                fire(s.name()).ifPresent(runs::add);
            }
        }
        return runs;
    }

    /** The earliest next fire time of all schedules, if there are any. */
    public Optional<Instant> nextFire() throws ConvergeException {
        return schedules.list().stream().map(s -> s.next(clock)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private Optional<ScheduleRun> fire(String name) throws ConvergeException {
        if (!schedules.tryLease(name, owner, clock.instant(), lease)) {
            log.accept("schedule " + name + ": running elsewhere (its lease is held by another daemon); passed over");
            return Optional.empty();
        }
        try {
            Optional<Schedule> current = schedules.find(name);
            Optional<Instant> due = current.flatMap(s -> s.dueAt(clock));
            if (due.isEmpty()) {
                return Optional.empty(); // removed, or run by another owner just before we took the lease
            }
            Schedule schedule = current.get();
            Instant started = clock.instant();
            int exit;
            Thread renewal = Thread.ofVirtual().name("lease-" + name).start(() -> renew(name));
            try {
                exit = executor.run(schedule);
            } catch (RuntimeException e) {
                log.accept("schedule " + name + ": " + Faults.describe(e));
                exit = 1;
            } finally {
                renewal.interrupt();
            }
            Instant finished = clock.instant();
            schedules.recordRun(name, due.get(), finished, exit, owner);
            return Optional.of(new ScheduleRun(name, schedule.commandLine(), due.get(), started, finished, exit));
        } finally {
            schedules.releaseLease(name, owner);
        }
    }

    /** Keeps the lease ours while the command runs: renewed at a third of its length, until interrupted. */
    private void renew(String name) {
        long every = Math.max(10, lease.toMillis() / 3);
        try {
            while (true) {
                Thread.sleep(every);
                if (!schedules.renewLease(name, owner, clock.instant(), lease)) {
                    log.accept("schedule " + name + ": lease lost while running (the state file was unreachable "
                            + "longer than the lease); another daemon may start it too");
                    return;
                }
            }
        } catch (InterruptedException e) {
            // The command finished: stop renewing.
        } catch (ConvergeException e) {
            log.accept("schedule " + name + ": cannot renew its lease: " + e.getMessage());
        }
    }
}
