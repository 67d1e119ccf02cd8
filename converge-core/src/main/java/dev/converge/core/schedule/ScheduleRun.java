package dev.converge.core.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * One firing of a schedule.
 *
 * @param fire     the fire time it answered (the most recent one due, however many were missed)
 * @param exitCode the command's exit code (0, 1, 2 or 3)
 */
public record ScheduleRun(String name, String command, Instant fire, Instant started, Instant finished, int exitCode) {
    public Duration duration() {
        return Duration.between(started, finished);
    }

    public boolean isSuccessful() {
        return exitCode == 0;
    }
}
