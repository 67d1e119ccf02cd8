package dev.converge.remotes;

import java.time.Duration;
import java.util.List;

/**
 * One remote on the dashboard: how it answered, and where each of its mirrored branches stands.
 *
 * @param name       the remote
 * @param url        its push URL without credentials
 * @param priority   its priority
 * @param reachable  whether it answered the ref advertisement
 * @param latency    how long the advertisement took
 * @param fault      why it did not answer, or {@code null}
 * @param branches   the branches it mirrors, in name order
 */
public record RemoteStatus(String name, String url, int priority, boolean reachable, Duration latency, Fault fault,
                           List<BranchStatus> branches) {
    public RemoteStatus {
        branches = List.copyOf(branches);
    }

    /** Whether every mirrored branch is in sync. */
    public boolean isInSync() {
        return reachable && branches.stream().allMatch(b -> b.state() == BranchState.IN_SYNC);
    }
}
