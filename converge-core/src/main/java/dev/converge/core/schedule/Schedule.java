package dev.converge.core.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A named command run on a cron expression.
 *
 * @param name       unique, chosen by the user or derived from the command
 * @param cron       when it fires
 * @param command    the arguments after {@code converge}, without {@code --schedule}; never a secret
 * @param directory  the working directory it was scheduled from, where it runs
 * @param created    when it was stored
 * @param lastFire   the fire time its last run answered; a fire time after this and not after now is due
 * @param lastRun    when its last run finished, or null for never
 * @param lastExit   the exit code of its last run, or null
 * @param lastRunner the owner id of whoever ran it last, or null
 */
public record Schedule(String name, CronExpression cron, List<String> command, Path directory, Instant created,
                       Instant lastFire, Instant lastRun, Integer lastExit, String lastRunner) {
    public Schedule {
        command = List.copyOf(command);
    }

    /**
     * The fire time this schedule owes a run for at {@code clock}'s now, if any: the most recent one,
     * however many were missed, so a daemon that was down for a week runs a daily schedule once.
     */
    public Optional<Instant> dueAt(Clock clock) {
        return cron.latestAtOrBefore(clock.instant(), clock.getZone()).filter(t -> t.isAfter(lastFire));
    }

    /** The next fire time after now. */
    public Optional<Instant> next(Clock clock) {
        return cron.nextAfter(clock.instant(), clock.getZone());
    }

    /** The command as a user would type it. */
    public String commandLine() {
        StringBuilder out = new StringBuilder("converge");
        for (String arg : command) {
            out.append(' ').append(arg.isEmpty() || arg.matches(".*[\\s'\"*?{}\\[\\]$\\\\|&;<>()`!#~].*")
                    ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return out.toString();
    }
}
