package dev.converge.core.report;

import dev.converge.core.UsageException;
import java.util.Locale;

/** The forms a report is rendered in. */
public enum ReportFormat {
    TEXT, JSON, HTML;

    public static ReportFormat parse(String value) throws UsageException {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--report " + value + ": expected text, json or html");
        }
    }

    public ReportRenderer renderer() {
        return switch (this) {
            case TEXT -> new TextReport();
            case JSON -> new JsonReport();
            case HTML -> new HtmlReport();
        };
    }
}
