package dev.converge.remotes;

import dev.converge.core.ExitCode;
import dev.converge.core.model.Outcome;

import java.util.Locale;

/** How a push of one branch to one remote ended. */
public enum PushStatus {
    /** The remote now holds the local commit. */
    PUSHED(Outcome.Status.OK, ExitCode.CONVERGED),
    /** It already did: nothing to do. */
    UP_TO_DATE(Outcome.Status.SKIPPED, ExitCode.CONVERGED),
    /** Dry run: this push would be made. Reported as skipped, as every kind reports a dry run's actions. */
    PLANNED(Outcome.Status.SKIPPED, ExitCode.CONVERGED),
    /** Not a fast-forward, and force-push protection refused it. */
    BLOCKED(Outcome.Status.FAILED, ExitCode.ITEM_FAILED),
    /** The remote has commits the local branch lacks and nothing to receive: left for the user to pull. */
    BEHIND(Outcome.Status.CONFLICT, ExitCode.CONFLICTS),
    /** The remote refused the update (a hook, a protected branch, a lease that no longer held). */
    REJECTED(Outcome.Status.FAILED, ExitCode.ITEM_FAILED),
    /** The remote could not be reached for a transient reason; the push waits in the offline queue. */
    QUEUED(Outcome.Status.FAILED, ExitCode.ITEM_FAILED),
    /** The push failed (auth, not found, a VPN that would not come up with the queue off). */
    FAILED(Outcome.Status.FAILED, ExitCode.ITEM_FAILED);

    private final Outcome.Status outcome;
    private final ExitCode exitCode;

    PushStatus(Outcome.Status outcome, ExitCode exitCode) {
        this.outcome = outcome;
        this.exitCode = exitCode;
    }

    /** The engine's status for this, as reports and the audit trail count it. */
    public Outcome.Status outcome() {
        return outcome;
    }

    /** Whether the pair is converged, or would be by this dry run. */
    public boolean isSuccessful() {
        return exitCode == ExitCode.CONVERGED;
    }

    /** The exit code a run should end with if this were its worst outcome. */
    public ExitCode exitCode() {
        return exitCode;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
