package dev.converge.core.report;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained page (no scripts, no external assets) a person can open from a CI artefact:
 * totals, a chart of the time and bytes of the largest actions, and a table of every action.
 */
public final class HtmlReport implements ReportRenderer {
    private static final int CHART_BARS = 25;
    private static final int TABLE_ROWS = 5000;

    @Override
    public String render(Report r) {
        StringBuilder sb = new StringBuilder(4096 + r.items().size() * 160);
        String title = "converge " + r.run().kind() + " run " + r.run().id();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        sb.append("<header><h1>").append(esc(title)).append("</h1><p class=\"cmd\"><code>").append(esc(r.run().command()))
                .append("</code></p><p>").append(r.run().dryRun() ? "Dry run · " : "").append("started ")
                .append(esc(r.run().started().toString())).append(" · took ")
                .append(Sizes.duration(Duration.between(r.run().started(), r.finished())))
                .append(" · <span class=\"status ").append(r.status()).append("\">").append(r.status()).append("</span></p></header>\n");
        cards(sb, r);
        chart(sb, r.items());
        table(sb, r.items());
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void cards(StringBuilder sb, Report r) {
        sb.append("<section class=\"cards\">");
        for (Map.Entry<String, Long> e : r.summary().entrySet()) {
            String value = e.getKey().equals("bytes") ? Sizes.bytes(e.getValue()) : String.valueOf(e.getValue());
            sb.append("<div class=\"card ").append(esc(e.getKey())).append("\"><b>").append(esc(value)).append("</b><span>")
                    .append(esc(e.getKey())).append("</span></div>");
        }
        sb.append("</section>\n");
    }

    /** Two horizontal bar charts as inline SVG: the slowest actions by time, and the largest by bytes. */
    private static void chart(StringBuilder sb, List<ReportItem> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("<section class=\"charts\">");
        bars(sb, "Time", items.stream().sorted(Comparator.comparingLong(ReportItem::durationMs).reversed())
                .limit(CHART_BARS).toList(), true);
        bars(sb, "Bytes", items.stream().filter(i -> i.bytes() > 0)
                .sorted(Comparator.comparingLong(ReportItem::bytes).reversed()).limit(CHART_BARS).toList(), false);
        sb.append("</section>\n");
    }

    private static void bars(StringBuilder sb, String title, List<ReportItem> rows, boolean time) {
        if (rows.isEmpty()) {
            return;
        }
        long max = Math.max(1, rows.stream().mapToLong(i -> time ? i.durationMs() : i.bytes()).max().orElse(1));
        int rowHeight = 18;
        int height = rows.size() * rowHeight + 4;
        sb.append("<figure><figcaption>").append(title).append(time ? " per action (slowest)" : " per action (largest)")
                .append("</figcaption><svg role=\"img\" viewBox=\"0 0 640 ").append(height).append("\" width=\"100%\">");
        for (int n = 0; n < rows.size(); n++) {
            ReportItem i = rows.get(n);
            long v = time ? i.durationMs() : i.bytes();
            double w = 360.0 * v / max;
            int y = n * rowHeight + 2;
            String label = time ? Sizes.duration(Duration.ofMillis(v)) : Sizes.bytes(v);
            sb.append("<g><title>").append(esc(i.id())).append(": ").append(esc(label)).append("</title>")
                    .append("<text x=\"0\" y=\"").append(y + 13).append("\" class=\"lbl\">").append(esc(shorten(i.id(), 34)))
                    .append("</text><rect x=\"230\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", Math.max(w, 1))).append("\" height=\"").append(rowHeight - 4)
                    .append("\" class=\"").append(esc(i.outcome())).append("\"/><text x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", 236 + w)).append("\" y=\"").append(y + 13)
                    .append("\" class=\"val\">").append(esc(label)).append("</text></g>");
        }
        sb.append("</svg></figure>");
    }

    private static void table(StringBuilder sb, List<ReportItem> items) {
        sb.append("<section><h2>Actions</h2>");
        if (items.isEmpty()) {
            sb.append("<p>Nothing to do: every item was already converged.</p></section>\n");
            return;
        }
        sb.append("<table><thead><tr><th>Item</th><th>Action</th><th>Outcome</th><th>Bytes</th><th>Time</th><th>Message</th>")
                .append("</tr></thead><tbody>");
        items.stream().limit(TABLE_ROWS).forEach(i -> sb.append("<tr class=\"").append(esc(i.outcome())).append("\"><td>")
                .append(esc(i.id())).append("</td><td>").append(esc(i.action())).append("</td><td>").append(esc(i.outcome()))
                .append("</td><td class=\"num\">").append(Sizes.bytes(i.bytes())).append("</td><td class=\"num\">")
                .append(Sizes.duration(Duration.ofMillis(i.durationMs()))).append("</td><td>").append(esc(i.message()))
                .append("</td></tr>"));
        sb.append("</tbody></table>");
        if (items.size() > TABLE_ROWS) {
            sb.append("<p>").append(items.size() - TABLE_ROWS).append(" more actions are in the JSON report.</p>");
        }
        sb.append("</section>\n");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d232a}
            h1{font-size:1.4rem;margin:0}.cmd code{background:#f3f4f6;padding:.2rem .4rem;border-radius:4px}
            .status{font-weight:600;padding:.1rem .5rem;border-radius:4px}.status.ok{background:#dcfce7}
            .status.failed{background:#fee2e2}.status.conflicts{background:#fef3c7}
            .cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
            .card{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem .9rem;min-width:6rem}
            .card b{display:block;font-size:1.3rem}.card span{color:#6b7280}
            .card.failed b{color:#b91c1c}.card.conflicts b{color:#b45309}
            .charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}figure{margin:0}figcaption{font-weight:600}
            svg .lbl,svg .val{font-size:11px;fill:#374151}rect.ok{fill:#3b82f6}rect.failed{fill:#dc2626}
            rect.skipped{fill:#9ca3af}rect.conflict{fill:#f59e0b}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee}
            td.num{text-align:right;white-space:nowrap}tr.failed td{background:#fef2f2}tr.conflict td{background:#fffbeb}
            @media (max-width:800px){.charts{grid-template-columns:1fr}}
            """;
}
