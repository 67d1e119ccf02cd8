package dev.converge.remotes.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A push that failed for a transient reason and waits to be retried.
 *
 * @param remote    the remote
 * @param branch    the branch
 * @param sha       the commit it should carry (updated when the branch moves on)
 * @param queuedAt  when it first failed
 * @param attempts  how many pushes have failed for it
 * @param lastError why the last one failed, free of credentials
 */
public record QueuedPush(String remote, String branch, String sha, Instant queuedAt, int attempts, String lastError) {
    public QueuedPush {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(queuedAt, "queuedAt");
        lastError = lastError == null ? "" : lastError;
    }

    /** "remote/branch", the same id the status and push reports use. */
    public String id() {
        return remote + "/" + branch;
    }
}
