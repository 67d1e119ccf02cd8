package dev.converge.core.report;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The report for people: one summary line, the failures and conflicts, the slowest items. */
public final class TextReport implements ReportRenderer {
    private static final int SLOWEST = 5;

    @Override
    public String render(Report r) {
        StringBuilder sb = new StringBuilder();
        Duration took = Duration.between(r.run().started(), r.finished());
        sb.append(r.run().dryRun() ? "Dry run " : "Run ").append(r.run().id()).append(" (").append(r.run().kind())
                .append(") ").append(r.status()).append(" in ").append(Sizes.duration(took)).append('\n');
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, Long> e : r.summary().entrySet()) {
            if (e.getValue() == 0 && !e.getKey().equals("total")) {
                continue;
            }
            counts.append(counts.isEmpty() ? "  " : ", ").append(e.getKey()).append(' ')
                    .append(e.getKey().equals("bytes") ? Sizes.bytes(e.getValue()) : String.valueOf(e.getValue()));
        }
        sb.append(counts).append('\n');
        appendRows(sb, "Failed", r.items().stream().filter(i -> i.outcome().equals("failed")).toList());
        appendRows(sb, "Conflicts", r.items().stream().filter(i -> i.outcome().equals("conflict")).toList());
        List<ReportItem> slowest = r.items().stream().filter(i -> i.outcome().equals("ok"))
                .sorted(Comparator.comparingLong(ReportItem::durationMs).reversed()).limit(SLOWEST).toList();
        if (r.items().size() > SLOWEST && !slowest.isEmpty()) {
            sb.append("Slowest:\n");
            for (ReportItem i : slowest) {
                sb.append("  ").append(Sizes.duration(Duration.ofMillis(i.durationMs()))).append("  ").append(i.action())
                        .append(' ').append(i.id()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void appendRows(StringBuilder sb, String title, List<ReportItem> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append(title).append(":\n");
        for (ReportItem i : rows) {
            sb.append("  ").append(i.action()).append(' ').append(i.id());
            if (!i.message().isEmpty()) {
                sb.append(": ").append(i.message());
            }
            sb.append('\n');
        }
    }
}
