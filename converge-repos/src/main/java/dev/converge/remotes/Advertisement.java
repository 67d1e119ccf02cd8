package dev.converge.remotes;

import org.eclipse.jgit.lib.ObjectId;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What one remote said in its ref advertisement: its branch heads, or why it could not be asked.
 * One advertisement per remote serves every branch of a status or push (no fetch is made).
 *
 * @param mirror   the remote asked
 * @param heads    branch short name to commit, empty when the remote was unreachable
 * @param latency  how long the advertisement took
 * @param fault    why it failed, or {@code null}
 * @param attempts how many times it was asked
 */
public record Advertisement(Mirror mirror, Map<String, ObjectId> heads, Duration latency, Fault fault, int attempts) {
    public Advertisement {
        heads = Map.copyOf(heads);
    }

    public boolean isReachable() {
        return fault == null;
    }

    public Optional<ObjectId> head(String branch) {
        return Optional.ofNullable(heads.get(branch));
    }
}
