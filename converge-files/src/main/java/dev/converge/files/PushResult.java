package dev.converge.files;

import dev.converge.core.ExitCode;
import dev.converge.core.report.Report;

/** What a push did (or, for a dry run, would do): the report and the plan behind it. */
public record PushResult(Report report, FilesPlan plan) {
    public ExitCode exitCode() {
        return report.exitCode();
    }
}
