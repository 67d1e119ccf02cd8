package dev.converge.cli.schedule;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.schedule.ScheduleRun;
import dev.converge.core.schedule.ScheduleStore;
import dev.converge.core.schedule.Scheduler;
import dev.converge.core.state.StateStore;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code converge schedule run-due}: for a system cron or timer that calls converge every few minutes. */
@Command(name = "run-due", mixinStandardHelpOptions = true,
        description = {"Run the schedules that are due now, each once, then exit.",
                "A schedule missed several times runs once. Each takes the same lease as the daemon, so run-due and a daemon never run one schedule at once.",
                "The commands' own output goes to stderr; stdout has one line per run (or, with --json, one document)."},
        footer = {"", "Exit: 0 when every run exited 0 (or nothing was due), 1 when any did not, 2 for a usage or config error."})
public final class ScheduleRunDueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        SchedulePrinter printer = new SchedulePrinter(inv.console(), inv.context().clock());
        List<ScheduleRun> runs = List.of();
        // No state file, no schedules: say so without creating one (a timer may call this before anything is scheduled).
        if (Files.exists(inv.statePath())) {
            runs = runDue(inv);
        }
        if (inv.console().json()) {
            inv.console().print(printer.runsJson(runs));
        } else if (runs.isEmpty()) {
            inv.console().line("nothing due");
        } else {
            runs.forEach(printer::ran);
        }
        return runs.stream().allMatch(ScheduleRun::isSuccessful) ? 0 : 1;
    }

    private static List<ScheduleRun> runDue(Invocation inv) throws ConvergeException {
        try (StateStore state = inv.openState(false)) {
            Scheduler scheduler = new Scheduler(ScheduleStore.of(state),
                    new CliScheduleExecutor(inv.context(), inv.statePath()), Owners.thisProcess())
                    .setClock(inv.context().clock()).setLog(inv.console()::note);
            return scheduler.runDue();
        }
    }
}
