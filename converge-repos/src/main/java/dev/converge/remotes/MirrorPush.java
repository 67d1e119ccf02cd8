package dev.converge.remotes;

import dev.converge.remotes.config.ForcePush;
import dev.converge.remotes.vpn.VpnGate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes the branches of one run to one remote: one ref advertisement, a decision per branch
 * (fast-forward, up to date, behind, or non-fast-forward under force-push protection), then one
 * push carrying every update. Never throws: every branch gets an outcome.
 */
final class MirrorPush {
    private final Repository repository;
    private final Mirror mirror;
    private final List<PushTarget> targets;
    private final RemoteClient client;
    private final VpnGate vpn;
    private final Options options;

    /**
     * The choices of the run that every remote shares.
     *
     * @param dryRun       plan only
     * @param force        the user passed {@code --force} (lets {@code warn} through, with a lease)
     * @param confirmation asks on a terminal, or {@code null} off one
     */
    record Options(boolean dryRun, boolean force, Confirmation confirmation) {
    }

    /** What the remote advertised and what happened to each branch. */
    record Result(Advertisement advertisement, List<PushOutcome> outcomes) {
    }

    /** A decision for one branch: an update to send, or an outcome already known. */
    private record Decision(PushTarget target, BranchStatus status, RemoteRefUpdate update, PushOutcome outcome) {
    }

    MirrorPush(Repository repository, Mirror mirror, List<PushTarget> targets, RemoteClient client, VpnGate vpn,
               Options options) {
        this.repository = repository;
        this.mirror = mirror;
        this.targets = targets;
        this.client = client;
        this.vpn = vpn;
        this.options = options;
    }

    Result call() {
        long started = System.nanoTime();
        int attempts = 0;
        try {
            while (true) {
                PushSession session;
                try {
                    session = open();
                } catch (RemoteClient.PushFault f) {
                    Advertisement none = new Advertisement(mirror, Map.of(), Duration.ofNanos(System.nanoTime() - started),
                            f.fault(), attempts + f.attempts());
                    return new Result(none, unreachable(none, started));
                }
                try (session) {
                    Advertisement ad = session.advertisement();
                    attempts += ad.attempts();
                    List<Decision> decisions = new ArrayList<>();
                    BranchComparer comparer = new BranchComparer(repository);
                    for (PushTarget target : targets) {
                        decisions.add(decide(target, comparer.compare(ad, target.branch(), target.local()), started));
                    }
                    List<RemoteRefUpdate> updates = decisions.stream().map(Decision::update).filter(u -> u != null).toList();
                    if (updates.isEmpty()) {
                        return new Result(ad, collect(decisions, attempts, null, started));
                    }
                    try {
                        session.push(updates);
                        return new Result(ad, collect(decisions, attempts, null, started));
                    } catch (IOException e) {
                        Fault fault = Fault.of(e);
                        if (fault.isTransient() && attempts < client.retry().attempts()) {
                            // Start over: the remote may have moved, so decide again on a fresh advertisement.
                            Backoff.pause(Backoff.delay(client.retry(), attempts));
                            continue;
                        }
                        return new Result(ad, collect(decisions, attempts, fault, started));
                    }
                }
            }
        } catch (IOException e) {
            return new Result(null, all(PushStatus.FAILED, null, "cannot read the local repository: " + e.getMessage(), started, 1));
        } catch (RuntimeException e) {
            // One remote's unexpected fault must not take the other remotes' outcomes with it.
            return new Result(null, all(PushStatus.FAILED, null, "unexpected error: " + e, started, 1));
        } finally {
            if (vpn != null) {
                vpn.release();
            }
        }
    }

    /**
     * Opens the push session. If the remote does not answer and sits behind a VPN that is down,
     * the VPN is brought up (once for every remote behind it) and the remote asked again.
     */
    private PushSession open() throws RemoteClient.PushFault {
        try {
            return client.openPush(mirror);
        } catch (RemoteClient.PushFault first) {
            if (vpn == null) {
                throw first;
            }
            VpnGate.State state = vpn.ensureUp();
            if (state == VpnGate.State.FAILED) {
                throw new RemoteClient.PushFault(new Fault(Fault.Kind.VPN, "vpn " + vpn.name() + ": " + vpn.failure()), first.attempts());
            }
            if (state == VpnGate.State.ALREADY_UP) {
                throw first;
            }
            return client.openPush(mirror);
        }
    }

    private List<PushOutcome> unreachable(Advertisement ad, long started) {
        Fault fault = ad.fault();
        // A dry run reports the fault as it is; only a real push is queued.
        PushStatus status = fault.isTransient() && !options.dryRun() ? PushStatus.QUEUED : PushStatus.FAILED;
        String message = fault.kind().label() + ": " + fault.message();
        return all(status, BranchState.UNREACHABLE, message, started, ad.attempts());
    }

    private Decision decide(PushTarget target, BranchStatus status, long started) throws IOException {
        return switch (status.state()) {
            case IN_SYNC -> done(target, status, PushStatus.UP_TO_DATE, "", started);
            case AHEAD, MISSING -> update(target, status, false, status.remoteSha() == null ? ObjectId.zeroId() : status.remoteSha(),
                    status.state() == BranchState.MISSING ? "create branch" : "fast-forward by " + status.ahead(), started);
            case BEHIND -> done(target, status, PushStatus.BEHIND, "the remote has " + status.behind()
                    + " commit(s) the local branch lacks; nothing to push, the remote is left as it is", started);
            case DIVERGED, UNKNOWN -> nonFastForward(target, status, started);
            case UNREACHABLE -> done(target, status, PushStatus.FAILED, "unreachable", started);
        };
    }

    private Decision nonFastForward(PushTarget target, BranchStatus status, long started) throws IOException {
        String what = status.state() == BranchState.UNKNOWN
                ? "the remote holds a commit this repository has never seen"
                : "diverged: local has " + status.ahead() + " commit(s) the remote lacks, the remote " + status.behind();
        if (target.fromQueue()) {
            return done(target, status, PushStatus.BLOCKED, "queued push would now be a non-fast-forward (" + what + "); not forced", started);
        }
        ForcePush policy = mirror.settings().forcePush();
        if (policy == ForcePush.BLOCK) {
            return done(target, status, PushStatus.BLOCKED, what + "; force_push is block", started);
        }
        if (policy == ForcePush.WARN && !options.force() && !confirmed(status)) {
            return done(target, status, PushStatus.BLOCKED, what + "; force_push is warn: confirm on a terminal or pass --force", started);
        }
        ObjectId lease = lastSeen(target.branch(), status);
        if (lease == null || !lease.equals(status.remoteSha())) {
            String why = lease == null
                    ? "this repository has never seen the remote's commit; fetch it first"
                    : "the remote moved since it was last fetched (" + lease.abbreviate(7).name() + " → "
                    + status.remoteSha().abbreviate(7).name() + ")";
            return done(target, status, PushStatus.BLOCKED, what + "; force-with-lease refused: " + why, started);
        }
        return update(target, status, true, lease, "force-with-lease over " + lease.abbreviate(7).name(), started);
    }

    private boolean confirmed(BranchStatus status) {
        return options.confirmation() != null && options.confirmation().confirm(
                "Force-push " + status.branch() + " to " + mirror.name() + " (" + status.describe() + ")? Commits only on "
                        + mirror.name() + " will be dropped there.");
    }

    /**
     * The remote's commit as last seen by this repository: the remote-tracking branch when there
     * is one, else the advertised commit if it is already a local commit (it was seen, just not
     * recorded under the remote's name). A commit never seen here is never leased over.
     */
    private ObjectId lastSeen(String branch, BranchStatus status) throws IOException {
        String tracking = mirror.trackingRef(branch);
        Ref ref = tracking == null ? null : repository.exactRef(tracking);
        if (ref != null) {
            return ref.getObjectId();
        }
        return status.state() == BranchState.DIVERGED ? status.remoteSha() : null;
    }

    private Decision update(PushTarget target, BranchStatus status, boolean force, ObjectId expectedOld, String why,
                            long started) throws IOException {
        if (options.dryRun()) {
            return done(target, status, PushStatus.PLANNED, why, started);
        }
        String ref = Constants.R_HEADS + target.branch();
        // No tracking ref here: the push session moves it itself once the remote accepted the update.
        RemoteRefUpdate update = new RemoteRefUpdate(repository, ref, target.local(), ref, force, null, expectedOld);
        return new Decision(target, status, update, null);
    }

    private Decision done(PushTarget target, BranchStatus status, PushStatus result, String message, long started) {
        return new Decision(target, status, null, outcome(target, status, result, message, 1, started));
    }

    /** The outcome of every decision: known ones as they are, updates by their status or by the fault that stopped them. */
    private List<PushOutcome> collect(List<Decision> decisions, int attempts, Fault fault, long started) {
        List<PushOutcome> result = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.outcome() != null) {
                result.add(d.outcome());
            } else if (fault != null) {
                PushStatus status = fault.isTransient() ? PushStatus.QUEUED : PushStatus.FAILED;
                result.add(outcome(d.target(), d.status(), status, fault.kind().label() + ": " + fault.message(), attempts, started));
            } else {
                result.add(fromUpdate(d, attempts, started));
            }
        }
        return result;
    }

    private PushOutcome fromUpdate(Decision d, int attempts, long started) {
        RemoteRefUpdate u = d.update();
        return switch (u.getStatus()) {
            case OK -> outcome(d.target(), d.status(), PushStatus.PUSHED, u.isForceUpdate() ? "forced with lease" : "", attempts, started);
            case UP_TO_DATE -> outcome(d.target(), d.status(), PushStatus.UP_TO_DATE, "", attempts, started);
            case REJECTED_NONFASTFORWARD -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    "the remote moved while pushing; not a fast-forward any more", attempts, started);
            case REJECTED_REMOTE_CHANGED -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    "the lease no longer holds: the remote changed since it was read", attempts, started);
            default -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    u.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                            + (u.getMessage() == null ? "" : ": " + u.getMessage()), attempts, started);
        };
    }

    private List<PushOutcome> all(PushStatus status, BranchState before, String message, long started, int attempts) {
        List<PushOutcome> list = new ArrayList<>();
        for (PushTarget t : targets) {
            list.add(new PushOutcome(mirror.name(), t.branch(), status, before, null, t.local(), message, "", t.fromQueue(),
                    attempts, Duration.ofNanos(System.nanoTime() - started)));
        }
        return list;
    }

    private PushOutcome outcome(PushTarget target, BranchStatus status, PushStatus result, String message, int attempts,
                                long started) {
        String hint = result == PushStatus.BLOCKED || result == PushStatus.BEHIND ? status.reconcileHint() : "";
        return new PushOutcome(mirror.name(), target.branch(), result, status.state(), status.remoteSha(), target.local(),
                message, hint, target.fromQueue(), attempts, Duration.ofNanos(System.nanoTime() - started));
    }
}
