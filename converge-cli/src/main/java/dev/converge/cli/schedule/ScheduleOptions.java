package dev.converge.cli.schedule;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.schedule.CronExpression;
import dev.converge.core.schedule.Schedule;
import dev.converge.core.schedule.ScheduleStore;
import dev.converge.core.secret.Redactor;
import dev.converge.core.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --schedule CRON [--schedule-name NAME]} on a syncing command: instead of running, the command
 * is stored as a named schedule for {@code converge daemon} and {@code converge schedule run-due}.
 */
public final class ScheduleOptions {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Option(names = "--schedule", paramLabel = "CRON",
            description = "Store this command as a schedule instead of running it: five cron fields, e.g. '0 2 * * *'.")
    String cron;

    @Option(names = "--schedule-name", paramLabel = "NAME",
            description = "The schedule's name (default: derived from the command, e.g. repos-sync-local-team).")
    String name;

    public boolean requested() {
        return cron != null;
    }

    /** Checks the options before anything else happens. */
    public void check() throws UsageException {
        if (name != null && cron == null) {
            throw new UsageException("--schedule-name needs --schedule CRON");
        }
        if (name != null && !NAME.matcher(name).matches()) {
            throw new UsageException("--schedule-name '" + name + "': use letters, digits, '.', '_' and '-' (at most 64)");
        }
        if (cron != null) {
            CronExpression.parse(cron);
        }
    }

    /**
     * Stores the command ({@code args} as typed, less the schedule options) and prints the schedule back;
     * with {@code dryRun}, prints what it would store and writes nothing.
     */
    public int store(Invocation inv, List<String> args, boolean dryRun) throws ConvergeException {
        check();
        CronExpression expression = CronExpression.parse(cron);
        List<String> command = withoutScheduleOptions(args);
        for (String arg : command) {
            if (!Redactor.global().redact(arg).equals(arg)) {
                throw new UsageException("the command holds a secret (" + Redactor.global().redact(arg)
                        + "); schedules are stored in the state file, so refer to secrets in the config as ${env:NAME}");
            }
        }
        Clock clock = inv.context().clock();
        Instant now = clock.instant();
        Schedule schedule = new Schedule(name != null ? name : derivedName(command), expression, command,
                inv.context().workingDirectory().toAbsolutePath().normalize(), now, now, null, null, null);
        if (!dryRun) {
            try (StateStore state = inv.openState(false)) {
                ScheduleStore.of(state).add(schedule);
            }
        }
        SchedulePrinter printer = new SchedulePrinter(inv.console(), clock);
        if (inv.console().json()) {
            inv.console().print(printer.json(List.of(schedule)));
        } else {
            printer.stored(schedule, dryRun);
        }
        return 0;
    }

    /** The arguments without --schedule and --schedule-name and their values, in either spelling. */
    static List<String> withoutScheduleOptions(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--schedule") || a.equals("--schedule-name")) {
                i++;
            } else if (!a.startsWith("--schedule=") && !a.startsWith("--schedule-name=")) {
                out.add(a);
            }
        }
        return out;
    }

    /** "repos sync team/* --provider local …" → "repos-sync-local-team": the command words, provider and pattern. */
    static String derivedName(List<String> command) {
        List<String> words = new ArrayList<>();
        String provider = null;
        boolean options = false;
        for (int i = 0; i < command.size(); i++) {
            String a = command.get(i);
            if (a.equals("--provider") && i + 1 < command.size()) {
                provider = command.get(i + 1);
            } else if (a.startsWith("--provider=")) {
                provider = a.substring("--provider=".length());
            }
            if (a.startsWith("-")) {
                options = true;
            } else if (!options) {
                words.add(a);
            }
        }
        if (provider != null && words.size() >= 2) {
            words.add(2, provider);
        }
        String slug = String.join("-", words).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        slug = slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "schedule" : slug;
    }
}
