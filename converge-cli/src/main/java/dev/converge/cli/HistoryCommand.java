package dev.converge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.audit.AuditEvent;
import dev.converge.core.audit.AuditQuery;
import dev.converge.core.config.Durations;
import dev.converge.core.report.Sizes;
import dev.converge.core.state.StateStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code converge history}: the audit trail, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the audit trail: every action converge took, with its outcome, newest first.")
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: files, repos, remotes, records, components.")
    String kind;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only since WHEN: a duration back from now (7d, 12h) or a date (2026-11-01) or an instant.")
    String since;

    @Option(names = "--item", paramLabel = "ID", description = "Only this item (a path; end it with / for everything below).")
    String item;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this run.")
    String run;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "100", description = "At most N events (0: all; default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        AuditQuery query = new AuditQuery(kind, parseSince(since), item, run, Math.max(0, limit));
        List<AuditEvent> events;
        try (StateStore state = inv.openState(true)) {
            events = state.audit().query(query);
        }
        if (inv.console().json()) {
            inv.console().print(json(events));
            return 0;
        }
        if (events.isEmpty()) {
            inv.console().line("no history" + (kind == null && since == null && item == null ? " yet" : " matches"));
            return 0;
        }
        for (AuditEvent e : events) {
            String outcome = switch (e.outcome()) {
                case "failed" -> inv.console().paint(pad(e.outcome(), 8), "31");
                case "conflict" -> inv.console().paint(pad(e.outcome(), 8), "33");
                default -> pad(e.outcome(), 8);
            };
            inv.console().line(e.at().toString().substring(0, 19).replace('T', ' ') + "  " + pad(e.kind(), 7) + " " + pad(e.action(), 7)
                    + " " + outcome + " " + e.itemId() + (e.bytes() > 0 ? "  " + Sizes.bytes(e.bytes()) : "")
                    + (e.message().isEmpty() ? "" : "  " + e.message()) + "  [" + e.runId() + "]");
        }
        return 0;
    }

    static Instant parseSince(String since) throws UsageException {
        if (since == null) {
            return null;
        }
        try {
            return Instant.now().minus(Durations.parse(since));
        } catch (IllegalArgumentException notDuration) {
            try {
                return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                try {
                    return Instant.parse(since);
                } catch (DateTimeParseException e) {
                    throw new UsageException("--since " + since + ": expected a duration (7d, 12h), a date (2026-11-01) or an instant");
                }
            }
        }
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static String json(List<AuditEvent> events) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("run_id", e.runId());
            m.put("kind", e.kind());
            m.put("sync", e.syncId());
            m.put("id", e.itemId());
            m.put("action", e.action());
            m.put("outcome", e.outcome());
            m.put("bytes", e.bytes());
            m.put("message", e.message());
            m.put("duration_ms", e.duration().toMillis());
            rows.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("events", rows)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
