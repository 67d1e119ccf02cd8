package dev.converge.remotes;

import dev.converge.core.secret.Redactor;

import org.eclipse.jgit.lib.ObjectId;

import java.time.Duration;

/**
 * What happened to one (remote, branch) pair in a push.
 *
 * @param remote     the remote
 * @param branch     the branch
 * @param status     how it ended
 * @param before     the branch's state on the remote before the push
 * @param remoteSha  the remote's commit before the push, or {@code null}
 * @param localSha   the commit pushed (or that would have been)
 * @param message    why, in words a user reads; free of credentials
 * @param hint       git commands that would reconcile a remote converge left alone, or an empty string
 * @param fromQueue  whether this pair came from the offline queue
 * @param attempts   tries made
 * @param duration   time spent on this remote
 */
public record PushOutcome(String remote, String branch, PushStatus status, BranchState before, ObjectId remoteSha,
                          ObjectId localSha, String message, String hint, boolean fromQueue, int attempts,
                          Duration duration) {
    public PushOutcome {
        message = message == null ? "" : Redactor.global().redact(message);
        hint = hint == null ? "" : hint;
    }

    /** "remote/branch". */
    public String id() {
        return remote + "/" + branch;
    }

    public boolean isSuccessful() {
        return status.isSuccessful();
    }
}
