package dev.converge.remotes;

import dev.converge.core.retry.Retrier;
import dev.converge.remotes.config.ForcePush;
import dev.converge.remotes.vpn.VpnGate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

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
    private final BranchComparer comparer;
    private final VpnGate vpn;
    private final Options options;
    /** Exchanges made so far; only the thread of this remote counts them. */
    private int attempt;

    /**
     * The choices of the run that every remote shares.
     *
     * @param dryRun       plan only
     * @param force        the user passed {@code --force} (lets {@code warn} through, with a lease)
     * @param confirmation asks on a terminal, or {@code null} off one
     * @param bases        what converge last pushed to each remote: the leases of {@code allow}
     */
    record Options(boolean dryRun, boolean force, Confirmation confirmation, PushBases bases) {
    }

    /** What the remote advertised and what happened to each branch. */
    record Result(Advertisement advertisement, List<PushOutcome> outcomes) {
    }

    /** A decision for one branch: an update to send, or an outcome already known. */
    private record Decision(PushTarget target, BranchStatus status, PushCommand update, String why, PushOutcome outcome) {
    }

    /** @param comparer shared by the run's remotes, which mostly compare the same commits */
    MirrorPush(Repository repository, Mirror mirror, List<PushTarget> targets, RemoteClient client, BranchComparer comparer,
               VpnGate vpn, Options options) {
        this.repository = repository;
        this.mirror = mirror;
        this.targets = targets;
        this.client = client;
        this.comparer = comparer;
        this.vpn = vpn;
        this.options = options;
    }

    Result call() {
        long started = System.nanoTime();
        try {
            Retrier.Attempted<Result> done = new Retrier(client.retry()).call(() -> exchange(started));
            return done.value();
        } catch (Retrier.AttemptsExhausted e) {
            return failed(e.last(), e.attempts(), started);
        } catch (Exception e) {
            return failed(e, 1, started);
        } finally {
            if (vpn != null) {
                vpn.release();
            }
        }
    }

    /**
     * One exchange with the remote: advertisement, decisions, push. A transient fault anywhere
     * throws, and the retrier starts over: the remote may have moved, so it is decided on afresh.
     */
    private Result exchange(long started) throws IOException, FaultException {
        attempt++;
        try (PushSession session = open()) {
            Advertisement ad = session.advertisement(attempt);
            List<Decision> decisions = new ArrayList<>();
            for (PushTarget target : targets) {
                decisions.add(decide(target, comparer.compare(ad, target.branch(), target.local()), started));
            }
            List<PushCommand> updates = decisions.stream().map(Decision::update).filter(u -> u != null).toList();
            Map<String, RefResult> results = Map.of();
            if (!updates.isEmpty()) {
                try {
                    results = session.push(updates);
                } catch (IOException e) {
                    throw new ExchangeFault(FaultException.of(e).fault(), e, new Result(ad, List.of()), decisions);
                }
            }
            return new Result(ad, collect(decisions, results, attempt, null, started));
        }
    }

    /** The outcome of a remote the retries could not get through to, or that failed outright. */
    private Result failed(Exception last, int attempts, long started) {
        if (last instanceof ExchangeFault e) {
            // The remote answered but the push itself failed: decided updates take the fault, known outcomes stand.
            return new Result(e.partial.advertisement(), collect(e.decisions, Map.of(), attempts, e.fault(), started));
        }
        if (last instanceof FaultException f) {
            Advertisement none = new Advertisement(mirror, Map.of(), Duration.ofNanos(System.nanoTime() - started),
                    f.fault(), attempts);
            return new Result(none, unreachable(none, started));
        }
        if (last instanceof IOException) {
            return new Result(null, all(PushStatus.FAILED, null, "cannot read the local repository: " + last.getMessage(), started, attempts));
        }
        // One remote's unexpected fault must not take the other remotes' outcomes with it.
        return new Result(null, all(PushStatus.FAILED, null, "unexpected error: " + last, started, attempts));
    }

    /** A push that failed after its decisions were made: carries them for the outcomes. */
    private static final class ExchangeFault extends FaultException {
        private static final long serialVersionUID = 1L;
        private final transient Result partial;
        private final transient List<Decision> decisions;

        ExchangeFault(Fault fault, Throwable cause, Result partial, List<Decision> decisions) {
            super(fault, cause);
            this.partial = partial;
            this.decisions = decisions;
        }
    }

    /**
     * Opens the push session. If the remote does not answer and sits behind a VPN that is down,
     * the VPN is brought up (once for every remote behind it) and the remote asked again.
     */
    private PushSession open() throws FaultException {
        try {
            return client.openPush(mirror);
        } catch (FaultException first) {
            if (vpn == null) {
                throw first;
            }
            VpnGate.State state = vpn.ensureUp();
            if (state == VpnGate.State.FAILED) {
                throw new FaultException(new Fault(Fault.Kind.VPN, "vpn " + vpn.name() + ": " + vpn.failure()), first);
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
        Lease lease = lease(target.branch());
        if (lease.commit() == null || !lease.commit().equals(status.remoteSha())) {
            String why = lease.commit() == null
                    ? "converge never pushed " + target.branch() + " to " + mirror.name()
                    + " and no remote-tracking branch records the remote's commit; run git fetch " + mirror.name() + " first"
                    : "the remote moved since " + lease.since() + " (" + lease.commit().abbreviate(7).name() + " → "
                    + status.remoteSha().abbreviate(7).name() + ")" + lease.note();
            return done(target, status, PushStatus.BLOCKED, what + "; force-with-lease refused: " + why, started);
        }
        return update(target, status, true, lease.commit(), "forced with lease on " + lease.commit().abbreviate(7).name()
                + lease.note(), started);
    }

    private boolean confirmed(BranchStatus status) {
        return options.confirmation() != null && options.confirmation().confirm(
                "Force-push " + status.branch() + " to " + mirror.name() + " (" + status.describe() + ")? Commits only on "
                        + mirror.name() + " will be dropped there.");
    }

    /**
     * The commit a forced push may replace, when converge learnt of it ("converge last pushed it"),
     * and a note for messages when that is only the fallback.
     */
    private record Lease(ObjectId commit, String since, String note) {
    }

    /**
     * The remote's commit as converge last saw it: what the state store says converge last pushed
     * there (or found there in sync). The remote-tracking branch is only the fallback, for a pair
     * converge never pushed, and the message says so: any {@code git fetch} moves it, and leasing on
     * it would then overwrite commits nobody here has looked at.
     */
    private Lease lease(String branch) throws IOException {
        ObjectId recorded = options.bases().lastPushed(mirror.name(), branch);
        if (recorded != null) {
            return new Lease(recorded, "converge last pushed it", "");
        }
        String tracking = mirror.trackingRef(branch);
        Ref ref = tracking == null ? null : repository.exactRef(tracking);
        return new Lease(ref == null ? null : ref.getObjectId(), "it was last fetched",
                "; no converge push recorded, so the lease is " + tracking + ", which any fetch moves");
    }

    private Decision update(PushTarget target, BranchStatus status, boolean force, ObjectId expectedOld, String why,
                            long started) throws IOException {
        if (options.dryRun()) {
            return done(target, status, PushStatus.PLANNED, why, started);
        }
        String ref = Constants.R_HEADS + target.branch();
        // No tracking ref here: the push session moves it itself once the remote accepted the update.
        return new Decision(target, status, new PushCommand(ref, target.local(), expectedOld, force), why, null);
    }

    private Decision done(PushTarget target, BranchStatus status, PushStatus result, String message, long started) {
        return new Decision(target, status, null, message, outcome(target, status, result, message, 1, started));
    }

    /** The outcome of every decision: known ones as they are, updates by their status or by the fault that stopped them. */
    private List<PushOutcome> collect(List<Decision> decisions, Map<String, RefResult> results, int attempts, Fault fault,
                                      long started) {
        List<PushOutcome> result = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.outcome() != null) {
                result.add(d.outcome());
            } else if (fault != null) {
                PushStatus status = fault.isTransient() ? PushStatus.QUEUED : PushStatus.FAILED;
                result.add(outcome(d.target(), d.status(), status, fault.kind().label() + ": " + fault.message(), attempts, started));
            } else {
                result.add(fromUpdate(d, results.get(d.update().ref()), attempts, started));
            }
        }
        return result;
    }

    private PushOutcome fromUpdate(Decision d, RefResult u, int attempts, long started) {
        return switch (u.status()) {
            case OK -> outcome(d.target(), d.status(), PushStatus.PUSHED, d.update().force() ? d.why() : "", attempts, started);
            case UP_TO_DATE -> outcome(d.target(), d.status(), PushStatus.UP_TO_DATE, "", attempts, started);
            case REJECTED_NONFASTFORWARD -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    "the remote moved while pushing; not a fast-forward any more", attempts, started);
            case REJECTED_REMOTE_CHANGED -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    "the lease no longer holds: the remote changed since it was read", attempts, started);
            default -> outcome(d.target(), d.status(), PushStatus.REJECTED,
                    u.status().name().toLowerCase(java.util.Locale.ROOT)
                            + (u.message() == null ? "" : ": " + u.message()), attempts, started);
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
