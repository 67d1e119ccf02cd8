package dev.converge.remotes;

import java.util.List;

/**
 * What {@link RemotesStatus} found.
 *
 * @param remotes       each remote, by priority
 * @param disagreements branches for which the remotes hold different commits
 * @param warnings      things worth a look that are not errors (none today; kept so the JSON field stays)
 */
public record StatusResult(List<RemoteStatus> remotes, List<MirrorDisagreement> disagreements, List<String> warnings) {
    public StatusResult {
        remotes = List.copyOf(remotes);
        disagreements = List.copyOf(disagreements);
        warnings = List.copyOf(warnings);
    }

    /** Whether every remote is reachable and every mirrored branch in sync. */
    public boolean isConverged() {
        return remotes.stream().allMatch(RemoteStatus::isInSync);
    }
}
