package dev.converge.remotes;

import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * How one {@link PushCommand} ended. JGit's statuses are reused so that both push paths (JGit's
 * transport and {@link SmartHttpPush}) report alike.
 *
 * @param status  the outcome
 * @param message the remote's or the client's reason, or {@code null}
 */
record RefResult(RemoteRefUpdate.Status status, String message) {
    static RefResult of(RemoteRefUpdate.Status status) {
        return new RefResult(status, null);
    }
}
