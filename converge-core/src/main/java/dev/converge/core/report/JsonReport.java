package dev.converge.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report: {@code {"run_id", "kind", "command", "dry_run", "started_at",
 * "finished_at", "summary": {…}, "items": [{"id", "action", "outcome", …}]}}. Stable: add fields,
 * never rename or remove them.
 */
public final class JsonReport implements ReportRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(Report r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", r.run().id());
        doc.put("kind", r.run().kind());
        doc.put("sync", r.run().syncId());
        doc.put("command", r.run().command());
        doc.put("dry_run", r.run().dryRun());
        doc.put("started_at", r.run().started().toString());
        doc.put("finished_at", r.finished().toString());
        doc.put("status", r.status());
        doc.put("summary", r.summary());
        List<Map<String, Object>> items = new ArrayList<>(r.items().size());
        for (ReportItem i : r.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("action", i.action());
            m.put("outcome", i.outcome());
            m.put("bytes", i.bytes());
            if (!i.message().isEmpty()) {
                m.put("message", i.message());
            }
            m.put("duration_ms", i.durationMs());
            if (i.attempts() > 1) {
                m.put("attempts", i.attempts());
            }
            items.add(m);
        }
        doc.put("items", items);
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain values always serialises", e);
        }
    }
}
