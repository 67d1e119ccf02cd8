package dev.converge.cli.schedule;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.schedule.Schedule;
import dev.converge.core.schedule.ScheduleStore;
import dev.converge.core.state.StateStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge schedule remove NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a schedule; a run of it in progress finishes.")
public final class ScheduleRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name, as 'schedule list' shows it.")
    String name;

    @Option(names = {"-n", "--dry-run"}, description = "Say what would be removed; remove nothing.")
    boolean dryRun;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        try (StateStore state = inv.openState(dryRun)) {
            ScheduleStore schedules = ScheduleStore.of(state);
            if (schedules.find(name).isEmpty()) {
                List<String> names = schedules.list().stream().map(Schedule::name).toList();
                throw new UsageException("no schedule named '" + name + "'"
                        + (names.isEmpty() ? "; there are none" : "; there are: " + String.join(", ", names)));
            }
            if (!dryRun) {
                schedules.remove(name);
            }
        }
        inv.console().line((dryRun ? "would remove schedule " : "removed schedule ") + name);
        return 0;
    }
}
