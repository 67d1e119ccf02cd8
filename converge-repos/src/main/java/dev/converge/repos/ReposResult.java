package dev.converge.repos;

import dev.converge.core.ExitCode;
import dev.converge.core.model.Plan;
import dev.converge.core.report.Report;

/** What a repos sync did (or, for a dry run, would do): the report and the plan behind it. */
public record ReposResult(Report report, Plan<RepoItem> plan) {
    public ExitCode exitCode() {
        return report.exitCode();
    }
}
