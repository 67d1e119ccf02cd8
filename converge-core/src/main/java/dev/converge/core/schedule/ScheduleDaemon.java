package dev.converge.core.schedule;

import dev.converge.core.ConvergeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fires due schedules until stopped: runs what is due (on start, that includes what was missed while
 * no daemon ran, once each), then sleeps until the next fire time, waking at least every poll interval
 * to see schedules added meanwhile by other processes.
 */
public final class ScheduleDaemon {
    /** How the daemon waits; tests pass one that moves a clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private Duration poll = DEFAULT_POLL;
    private final Object wake = new Object();
    private Sleeper sleeper = this::await;
    private Consumer<ScheduleRun> onRun = r -> { };
    private Consumer<String> log = line -> { };
    private volatile boolean stopped;

    public ScheduleDaemon(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public ScheduleDaemon setPoll(Duration poll) {
        this.poll = poll;
        return this;
    }

    public ScheduleDaemon setSleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    /** Receives each finished run, to log it. */
    public ScheduleDaemon setOnRun(Consumer<ScheduleRun> onRun) {
        this.onRun = onRun;
        return this;
    }

    /** Receives a line when a cycle fails (the state file unreadable, say); the daemon carries on. */
    public ScheduleDaemon setLog(Consumer<String> log) {
        this.log = log;
        return this;
    }

    /**
     * Asks the loop to end after the run in progress, if any, and wakes it if it sleeps. No interrupt:
     * a sync cut short mid-clone would leave work for the next run to untangle.
     */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void await(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (!stopped && (left = until - System.nanoTime()) > 0) {
                wake.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Runs until {@link #stop()} or an interrupt. */
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            Duration wait = poll;
            try {
                List<ScheduleRun> runs = scheduler.runDue(() -> !stopped);
                runs.forEach(onRun);
                wait = untilNext(scheduler.nextFire());
            } catch (ConvergeException e) {
                log.accept("cannot read the schedules: " + e.getMessage() + "; trying again in " + poll.toSeconds() + "s");
            }
            if (stopped) {
                break;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Duration untilNext(Optional<Instant> next) {
        if (next.isEmpty()) {
            return poll;
        }
        Duration d = Duration.between(scheduler.clock().instant(), next.get());
        return d.isNegative() ? Duration.ZERO : d.compareTo(poll) > 0 ? poll : d;
    }
}
