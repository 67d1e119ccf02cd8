package dev.converge.cli.schedule;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.schedule.Schedule;
import dev.converge.core.schedule.ScheduleStore;
import dev.converge.core.state.StateStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code converge schedule list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show each schedule: name, cron, when in words, last run and its exit code, next run, command.")
public final class ScheduleListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        List<Schedule> schedules;
        try (StateStore state = inv.openState(true)) {
            schedules = ScheduleStore.of(state).list();
        }
        SchedulePrinter printer = new SchedulePrinter(inv.console(), inv.context().clock());
        if (inv.console().json()) {
            inv.console().print(printer.json(schedules));
        } else {
            printer.table(schedules);
        }
        return 0;
    }
}
