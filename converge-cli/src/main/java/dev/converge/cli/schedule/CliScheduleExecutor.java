package dev.converge.cli.schedule;

import dev.converge.cli.CliContext;
import dev.converge.cli.Main;
import dev.converge.core.schedule.Schedule;
import dev.converge.core.schedule.ScheduleExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a schedule's command in this process through {@link Main#run}, in the directory it was
 * scheduled from, with its output on this process's stderr (stdout is the daemon's own log, or the
 * {@code --json} document of {@code run-due}). A command that names no state file records into the
 * one the schedule lives in, so its last-run and its runs are found in one place.
 */
final class CliScheduleExecutor implements ScheduleExecutor {
    private final CliContext context;
    private final Path stateFile;

    CliScheduleExecutor(CliContext context, Path stateFile) {
        this.context = context;
        this.stateFile = stateFile;
    }

    @Override
    public int run(Schedule schedule) {
        List<String> args = new ArrayList<>(schedule.command());
        if (args.stream().noneMatch(a -> a.equals("--state") || a.startsWith("--state="))) {
            args.add("--state");
            args.add(stateFile.toString());
        }
        return Main.run(context.with(context.err(), context.err(), schedule.directory()), args.toArray(String[]::new));
    }
}
