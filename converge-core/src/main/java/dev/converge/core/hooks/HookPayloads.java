package dev.converge.core.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.core.model.Action;
import dev.converge.core.model.Run;
import dev.converge.core.report.JsonReport;
import dev.converge.core.report.Report;
import dev.converge.core.report.ReportItem;
import dev.converge.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each hook reads on stdin, every byte passed through the {@link Redactor}: the report is
 * redacted already, but a reason or a message may quote a server's words, and those may hold a token.
 */
final class HookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HookPayloads() {
    }

    /**
     * pre_sync: {@code {"run_id", "kind", "sync", "command", "items": [{"id", "action", "reason"}]}}
     * with one entry per item the run will write to.
     */
    static byte[] plan(Run run, List<? extends Action<?>> actions) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Action<?> a : actions) {
            if (a.type().writes()) {
                items.add(item(a.itemId(), a.type().label(), a.reason()));
            }
        }
        Map<String, Object> doc = header(run);
        doc.put("items", items);
        return bytes(write(doc) + "\n");
    }

    /** post_sync: the JSON report document, the same as {@code --json} prints. */
    static byte[] report(Report report) {
        return bytes(new JsonReport().render(report));
    }

    /** on_error: one JSON object a line, one line per failed item: {@code {"run_id", "kind", "id", "action", "reason"}}. */
    static byte[] failures(Report report) {
        StringBuilder out = new StringBuilder();
        for (ReportItem i : report.items()) {
            if (i.outcome().equals("failed")) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("run_id", report.run().id());
                line.put("kind", report.run().kind());
                line.putAll(item(i.id(), i.action(), i.message()));
                out.append(write(line)).append('\n');
            }
        }
        return bytes(out.toString());
    }

    /** on_error for a run that failed as a whole: one line naming the stage that failed. */
    static byte[] fault(Run run, String stage, String reason) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("run_id", run.id());
        line.put("kind", run.kind());
        line.putAll(item(run.syncId(), stage, reason));
        return bytes(write(line) + "\n");
    }

    private static Map<String, Object> header(Run run) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", run.id());
        doc.put("kind", run.kind());
        doc.put("sync", run.syncId());
        doc.put("command", run.command());
        return doc;
    }

    private static Map<String, Object> item(String id, String action, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("action", action);
        m.put("reason", reason == null ? "" : reason);
        return m;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and strings always serialise", e);
        }
    }

    private static byte[] bytes(String text) {
        return Redactor.global().redact(text).getBytes(StandardCharsets.UTF_8);
    }
}
