package dev.converge.remotes;

import dev.converge.core.ExitCode;

import java.util.Comparator;
import java.util.List;

/**
 * What {@link RemotesPush} did: one outcome per (remote, branch) pair, queue entries first.
 *
 * @param outcomes      the outcomes, by remote priority
 * @param disagreements branches the remotes held at different commits before the push
 * @param warnings      things worth a look that are not failures
 * @param dryRun        whether nothing was written
 */
public record RemotesPushResult(List<PushOutcome> outcomes, List<MirrorDisagreement> disagreements,
                                List<String> warnings, boolean dryRun) {
    public RemotesPushResult {
        outcomes = List.copyOf(outcomes);
        disagreements = List.copyOf(disagreements);
        warnings = List.copyOf(warnings);
    }

    /** The worst exit code among the outcomes: failures (1) outrank pairs left for the user (3). */
    public ExitCode exitCode() {
        return outcomes.stream().map(o -> o.status().exitCode())
                .max(Comparator.comparingInt(RemotesPushResult::severity))
                .orElse(ExitCode.CONVERGED);
    }

    public boolean isSuccessful() {
        return outcomes.stream().allMatch(PushOutcome::isSuccessful);
    }

    private static int severity(ExitCode code) {
        return switch (code) {
            case CONVERGED -> 0;
            case CONFLICTS -> 1;
            case ITEM_FAILED -> 2;
            case USAGE -> 3;
        };
    }
}
