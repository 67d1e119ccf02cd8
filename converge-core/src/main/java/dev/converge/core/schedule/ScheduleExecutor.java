package dev.converge.core.schedule;

/** Runs a schedule's command and returns its exit code; the CLI runs it in-process. */
@FunctionalInterface
public interface ScheduleExecutor {
    int run(Schedule schedule);
}
