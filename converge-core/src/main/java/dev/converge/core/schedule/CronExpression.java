package dev.converge.core.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.converge.core.UsageException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard five-field UNIX cron expression (minute hour day-of-month month day-of-week), read,
 * checked and described by cron-utils, evaluated in a given time zone.
 */
public final class CronExpression {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String EXPECTED = "expected five fields: minute hour day-of-month month day-of-week, "
            + "e.g. '0 2 * * *' (at 02:00 every day) or '*/15 * * * *'";

    private final String text;
    private final Cron cron;
    private final ExecutionTime times;

    private CronExpression(String text, Cron cron) {
        this.text = text;
        this.cron = cron;
        this.times = ExecutionTime.forCron(cron);
    }

    /** Parses and validates; a bad expression is a usage error saying what was expected. */
    public static CronExpression parse(String text) throws UsageException {
        String trimmed = text == null ? "" : text.trim().replaceAll("\\s+", " ");
        try {
            return new CronExpression(trimmed, PARSER.parse(trimmed).validate());
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad cron expression '" + trimmed + "': " + e.getMessage() + "; " + EXPECTED);
        }
    }

    public String text() {
        return text;
    }

    /**
     * In words, e.g. "at 02:00 every day". cron-utils leaves "every day" implicit when only the time is
     * fixed; it is added so the description cannot be read as "once".
     */
    public String describe() {
        String words = CronDescriptor.instance(Locale.UK).describe(cron);
        String[] fields = text.split(" ");
        boolean everyDay = fields.length == 5 && fields[2].equals("*") && fields[3].equals("*") && fields[4].equals("*");
        return everyDay && words.startsWith("at ") && !words.contains("every") ? words + " every day" : words;
    }

    /** The latest fire time at or before {@code now}, if the expression ever fired before. */
    public Optional<Instant> latestAtOrBefore(Instant now, ZoneId zone) {
        ZonedDateTime t = now.atZone(zone);
        ZonedDateTime minute = t.truncatedTo(ChronoUnit.MINUTES);
        if (times.isMatch(minute)) {
            return Optional.of(minute.toInstant());
        }
        return times.lastExecution(t).map(ZonedDateTime::toInstant);
    }

    /** The first fire time strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return text;
    }
}
