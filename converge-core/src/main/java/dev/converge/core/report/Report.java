package dev.converge.core.report;

import dev.converge.core.ExitCode;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Run;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run, ready to render: the run, its summary counts and one row per action.
 * The shape of {@link JsonReport}'s document is a stable interface other tools parse.
 *
 * @param summary total, succeeded, failed, skipped, conflicts, then kind-specific counts, in that order
 */
public record Report(Run run, Instant finished, Map<String, Long> summary, List<ReportItem> items) {
    public Report {
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        items = List.copyOf(items);
    }

    /**
     * Builds a report from outcomes; {@code kindCounts} adds what only this kind counts
     * ("uploaded", "bytes", "unchanged", …).
     */
    public static Report of(Run run, Instant finished, List<Outcome> outcomes, Map<String, Long> kindCounts) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("total", (long) outcomes.size());
        summary.put("succeeded", count(outcomes, Outcome.Status.OK));
        summary.put("failed", count(outcomes, Outcome.Status.FAILED));
        summary.put("skipped", count(outcomes, Outcome.Status.SKIPPED));
        summary.put("conflicts", count(outcomes, Outcome.Status.CONFLICT));
        summary.putAll(kindCounts);
        return new Report(run, finished, summary, outcomes.stream().map(o -> ReportItem.of(o, run.dryRun())).toList());
    }

    private static long count(List<Outcome> outcomes, Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public long count(String key) {
        return summary.getOrDefault(key, 0L);
    }

    /** 1 when any item failed, else 3 when conflicts were left, else 0. */
    public ExitCode exitCode() {
        if (count("failed") > 0) {
            return ExitCode.ITEM_FAILED;
        }
        if (count("conflicts") > 0) {
            return ExitCode.CONFLICTS;
        }
        return ExitCode.CONVERGED;
    }

    /** The run's status word, as the state store and hooks see it. */
    public String status() {
        return switch (exitCode()) {
            case CONVERGED -> "ok";
            case CONFLICTS -> "conflicts";
            default -> "failed";
        };
    }

    /**
     * The summary as a flat JSON object of counts, as the state store keeps it. Written by hand:
     * building Jackson's ObjectMapper for this one line was a visible share of a no-op push.
     */
    public String summaryJson() {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Long> e : summary.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (int i = 0; i < e.getKey().length(); i++) {
                char c = e.getKey().charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append("\":").append(e.getValue());
        }
        return json.append('}').toString();
    }
}
