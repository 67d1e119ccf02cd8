package dev.converge.cli.schedule;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.Durations;
import dev.converge.core.schedule.ScheduleDaemon;
import dev.converge.core.schedule.ScheduleStore;
import dev.converge.core.schedule.Scheduler;
import dev.converge.core.state.StateStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code converge daemon}: fires due schedules in the foreground until SIGINT or SIGTERM. */
@Command(name = "daemon", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fire due schedules in the foreground until interrupted (SIGINT or SIGTERM).",
                "On start, a schedule that fired while no daemon ran is run once, however many times it was missed.",
                "Each schedule runs under a lease in the state file, so several daemons (or run-due) on one state file never run one schedule at once;",
                "a lease left by a daemon that died is taken over once it expires.",
                "Logs one line per run on stdout (with --json, one JSON object a line); the commands' own output goes to stderr."},
        footer = {"", "Stopping: the run in progress finishes (up to a minute), then the daemon stops; the JVM exits 130 after SIGINT, 143 after SIGTERM."})
public final class DaemonCommand implements Callable<Integer> {
    /** How long a stop waits for the run in progress before the JVM exits under it. */
    private static final Duration STOP_GRACE = Duration.ofMinutes(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--lease", paramLabel = "DURATION", description = "How long a schedule's lease lasts unrenewed (default 2m); renewed every third of it while a run lasts.")
    String lease;

    @Option(names = "--poll", paramLabel = "DURATION", description = "Look for schedules added by others at least this often (default 30s).")
    String poll;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        Duration leaseTime = duration("--lease", lease, Scheduler.DEFAULT_LEASE);
        Duration pollTime = duration("--poll", poll, ScheduleDaemon.DEFAULT_POLL);
        SchedulePrinter printer = new SchedulePrinter(inv.console(), inv.context().clock());
        String owner = Owners.thisProcess();
        // Counted down once the state file is closed: a stop waits for that, not for this thread,
        // which after returning may be blocked in System.exit while the JVM runs the hooks.
        CountDownLatch finished = new CountDownLatch(1);
        try (StateStore state = inv.openState(false)) {
            Scheduler scheduler = new Scheduler(ScheduleStore.of(state), new CliScheduleExecutor(inv.context(), inv.statePath()),
                    owner).setClock(inv.context().clock()).setLease(leaseTime).setLog(inv.console()::note);
            ScheduleDaemon daemon = new ScheduleDaemon(scheduler).setPoll(pollTime).setOnRun(printer::ran)
                    .setLog(inv.console()::error);
            Thread hook = new Thread(() -> {
                daemon.stop();
                try {
                    finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "converge-daemon-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            inv.console().note("converge daemon " + owner + ": watching schedules in " + inv.statePath());
            try {
                daemon.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is what stopped us; it waits for the latch below.
                }
            }
            inv.console().note("converge daemon " + owner + ": stopped");
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private static Duration duration(String flag, String value, Duration fallback) throws UsageException {
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value);
            if (d.isZero()) {
                throw new UsageException(flag + ": expected more than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }
}
