package dev.converge.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.core.ExitCode;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Item;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Outcome.Status;
import dev.converge.core.model.Run;
import dev.converge.core.model.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Run RUN = new Run("20261123T100000Z-abcdef", "files", "notes", "converge files push ./notes --to dir:/b",
            false, START);

    record FileItem(String id, long size) implements Item {
    }

    private static Outcome outcome(String id, ActionType type, Status status, String message) {
        Action<FileItem> a = new Action<>(new FileItem(id, 2048), type, new Change(id, ChangeType.ADDED, Side.LEFT, ""), "");
        return new Outcome(a, status, message, START.plusSeconds(1), Duration.ofMillis(120), 1);
    }

    private static Report report(List<Outcome> outcomes) {
        Map<String, Long> kind = new LinkedHashMap<>();
        kind.put("uploaded", 1L);
        kind.put("bytes", 2048L);
        return Report.of(RUN, START.plusSeconds(2), outcomes, kind);
    }

    private static List<Outcome> mixed() {
        return List.of(outcome("docs/a.txt", ActionType.UPLOAD, Status.OK, ""),
                outcome("docs/b.txt", ActionType.UPLOAD, Status.FAILED, "403 Forbidden (credentials lack permission)"),
                outcome("docs/c.txt", ActionType.SKIP, Status.SKIPPED, "excluded"),
                outcome("docs/d.txt", ActionType.UPDATE, Status.CONFLICT, "changed on both sides"));
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(new JsonReport().render(report(mixed())));
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        // The documented fields, plus "sync" and "status", which the renderer adds; pinned so a change is deliberate.
        assertThat(fields).containsExactly("run_id", "kind", "sync", "command", "dry_run", "started_at", "finished_at",
                "status", "summary", "items");
        assertThat(doc.get("run_id").asText()).isEqualTo(RUN.id());
        assertThat(doc.get("kind").asText()).isEqualTo("files");
        assertThat(doc.get("command").asText()).isEqualTo(RUN.command());
        assertThat(doc.get("dry_run").isBoolean()).isTrue();
        assertThat(Instant.parse(doc.get("started_at").asText())).isEqualTo(START);
        assertThat(Instant.parse(doc.get("finished_at").asText())).isEqualTo(START.plusSeconds(2));

        JsonNode summary = doc.get("summary");
        List<String> keys = new ArrayList<>();
        summary.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("total", "succeeded", "failed", "skipped", "conflicts", "uploaded", "bytes");
        assertThat(summary.get("total").asLong()).isEqualTo(4);
        assertThat(summary.get("succeeded").asLong()).isEqualTo(1);
        assertThat(summary.get("failed").asLong()).isEqualTo(1);
        assertThat(summary.get("skipped").asLong()).isEqualTo(1);
        assertThat(summary.get("conflicts").asLong()).isEqualTo(1);

        JsonNode items = doc.get("items");
        assertThat(items.size()).isEqualTo(4);
        for (JsonNode item : items) {
            assertThat(item.has("id") && item.has("action") && item.has("outcome")).isTrue();
            assertThat(item.get("outcome").asText()).isIn("ok", "failed", "skipped", "conflict");
        }
        assertThat(items.get(1).get("id").asText()).isEqualTo("docs/b.txt");
        assertThat(items.get(1).get("action").asText()).isEqualTo("upload");
        assertThat(items.get(1).get("outcome").asText()).isEqualTo("failed");
        assertThat(items.get(1).get("message").asText()).startsWith("403");
    }

    @Test
    void everyStatusHasADocumentedOutcomeWord() {
        Set<String> allowed = Set.of("ok", "failed", "skipped", "conflict");
        for (Status s : Status.values()) {
            assertThat(s.label()).isIn(allowed);
            assertThat(ReportItem.of(outcome("x", ActionType.UPLOAD, s, "")).outcome()).isEqualTo(s.label());
        }
    }

    @Test
    void exitCodeIsOneOnAnyFailureElseThreeOnConflictsElseZero() {
        Outcome ok = outcome("a", ActionType.UPLOAD, Status.OK, "");
        Outcome skipped = outcome("b", ActionType.SKIP, Status.SKIPPED, "");
        Outcome failed = outcome("c", ActionType.UPLOAD, Status.FAILED, "x");
        Outcome conflict = outcome("d", ActionType.UPDATE, Status.CONFLICT, "y");
        assertThat(report(List.of()).exitCode()).isEqualTo(ExitCode.CONVERGED);
        assertThat(report(List.of(ok, skipped)).exitCode()).isEqualTo(ExitCode.CONVERGED);
        assertThat(report(List.of(ok, conflict)).exitCode()).isEqualTo(ExitCode.CONFLICTS);
        assertThat(report(List.of(ok, conflict)).exitCode().code()).isEqualTo(3);
        assertThat(report(List.of(conflict, failed)).exitCode()).isEqualTo(ExitCode.ITEM_FAILED);
        assertThat(report(List.of(failed)).exitCode().code()).isEqualTo(1);
        assertThat(report(List.of(ok)).status()).isEqualTo("ok");
        assertThat(report(List.of(conflict)).status()).isEqualTo("conflicts");
        assertThat(report(List.of(failed)).status()).isEqualTo("failed");
    }

    @Test
    void htmlEscapesItemIdsAndIsSelfContained() {
        String evil = "<script>alert('x')</script>.txt";
        List<Outcome> outcomes = new ArrayList<>(mixed());
        outcomes.add(outcome(evil, ActionType.UPLOAD, Status.FAILED, "<img src=x onerror=alert(1)>"));
        String html = new HtmlReport().render(report(outcomes));
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;.txt");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("<table").contains("</html>");
        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)<link|<script|@import");
        assertThat(html.indexOf("<html")).isEqualTo(html.lastIndexOf("<html"));
        assertThat(html).contains("docs/b.txt").contains("403 Forbidden");
    }

    @Test
    void textListsFailuresAndConflictsWithTheirMessages() {
        String text = new TextReport().render(report(mixed()));
        assertThat(text).startsWith("Run " + RUN.id() + " (files) failed");
        assertThat(text).contains("Failed:\n  upload docs/b.txt: 403 Forbidden (credentials lack permission)\n");
        assertThat(text).contains("Conflicts:\n  update docs/d.txt: changed on both sides\n");
        assertThat(text).contains("failed 1").contains("total 4").contains("bytes 2.00 KiB");
        assertThat(text).doesNotContain("docs/a.txt:");
    }
}
