package dev.converge.core.report;

/** Renders a report in one form. */
public interface ReportRenderer {
    String render(Report report);
}
