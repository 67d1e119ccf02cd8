package dev.converge.cli.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.cli.Console;
import dev.converge.core.schedule.Schedule;
import dev.converge.core.schedule.ScheduleRun;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Schedules and schedule runs, for people (local time) and for machines (JSON, UTC instants). */
final class SchedulePrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Console console;
    private final Clock clock;

    SchedulePrinter(Console console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    void stored(Schedule s, boolean dryRun) {
        console.line((dryRun ? "would schedule " : "scheduled ") + s.name() + ": " + s.cron().describe()
                + " (" + s.cron().text() + ")");
        console.line("  " + s.commandLine());
        console.line("  next run " + s.next(clock).map(this::local).orElse("never") + " (" + clock.getZone().getId() + ")"
                + (dryRun ? "; dry run: nothing stored" : ""));
    }

    void table(List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            console.line("no schedules (add one with --schedule CRON on a sync command)");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "CRON", "WHEN", "LAST RUN", "NEXT RUN", "COMMAND"});
        for (Schedule s : schedules) {
            rows.add(new String[] {s.name(), s.cron().text(), s.cron().describe(), lastRun(s),
                    s.next(clock).map(this::local).orElse("never"), s.commandLine()});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            console.line(line.append(r[5]).toString());
        }
    }

    /** One line per run, as the daemon logs it; with --json, one JSON object a line. */
    void ran(ScheduleRun r) {
        if (console.json()) {
            try {
                console.print(COMPACT.writeValueAsString(run(r)) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("plain values always serialise", e);
            }
            return;
        }
        console.line(r.finished() + " " + r.name() + ": exit " + r.exitCode() + " in " + seconds(r) + "s (due "
                + local(r.fire()) + ") " + r.command());
    }

    String json(List<Schedule> schedules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Schedule s : schedules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("cron", s.cron().text());
            m.put("description", s.cron().describe());
            m.put("command", s.commandLine());
            m.put("args", s.command());
            m.put("directory", s.directory().toString());
            m.put("last_run", s.lastRun() == null ? null : s.lastRun().toString());
            m.put("last_exit", s.lastExit());
            m.put("next_run", s.next(clock).map(Instant::toString).orElse(null));
            out.add(m);
        }
        return write(out);
    }

    String runsJson(List<ScheduleRun> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScheduleRun r : runs) {
            out.add(run(r));
        }
        return write(out);
    }

    private static Map<String, Object> run(ScheduleRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("command", r.command());
        m.put("due", r.fire().toString());
        m.put("started", r.started().toString());
        m.put("finished", r.finished().toString());
        m.put("duration_ms", r.duration().toMillis());
        m.put("exit_code", r.exitCode());
        return m;
    }

    private String lastRun(Schedule s) {
        return s.lastRun() == null ? "never" : local(s.lastRun()) + " (exit " + s.lastExit() + ")";
    }

    private String local(Instant t) {
        return LOCAL.format(t.atZone(clock.getZone()));
    }

    private static String seconds(ScheduleRun r) {
        return String.format(java.util.Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }
}
