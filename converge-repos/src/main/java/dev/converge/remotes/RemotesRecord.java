package dev.converge.remotes;

import dev.converge.core.ConvergeException;
import dev.converge.core.audit.AuditEvent;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Run;
import dev.converge.core.model.Side;
import dev.converge.core.report.Report;
import dev.converge.core.state.StateStore;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report and record stages for a remotes push: turns push outcomes into the engine's
 * {@link Report}, and writes the run, its audit trail and the new bases to the state store.
 * Pairs that were already up to date are counted ("unchanged"), not listed, as files does.
 */
public final class RemotesRecord {
    /** The kind's name in runs, reports and the audit trail. */
    public static final String KIND = "remotes";

    private RemotesRecord() {
    }

    /** The repository's identity in the state store: its work tree (or git directory), absolute. */
    public static String syncId(Repository repository) {
        var dir = repository.isBare() ? repository.getDirectory() : repository.getWorkTree();
        return KIND + ":" + dir.toPath().toAbsolutePath().normalize();
    }

    /**
     * The bases recorded for this repository, as the leases of {@code force_push: allow}: for each
     * (remote, branch), the commit converge last pushed there or found there in sync.
     */
    public static PushBases bases(StateStore state, String syncId) throws ConvergeException {
        Map<String, Base> bases = state.bases(syncId);
        return (remote, branch) -> {
            Base base = bases.get(new RemoteBranch(remote, branch).id());
            return base == null || base.right() == null ? null : ObjectId.fromString(base.right().value());
        };
    }

    /** The engine's report of a push. */
    public static Report report(Run run, RemotesPushResult result) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PushOutcome o : result.outcomes()) {
            if (o.status() != PushStatus.UP_TO_DATE) {
                outcomes.add(outcome(o));
            }
        }
        return Report.of(run, Instant.now(), outcomes, counts(result));
    }

    /**
     * Records a push that wrote: the run, an audit event per pair (up-to-date ones included, so
     * the trail shows they were checked), and a base for every pair now in sync.
     */
    public static void record(StateStore state, Run run, RemotesPushResult result, Report report) throws ConvergeException {
        state.beginRun(run);
        List<AuditEvent> events = new ArrayList<>();
        List<Base> bases = new ArrayList<>();
        for (PushOutcome o : result.outcomes()) {
            events.add(AuditEvent.of(run, outcome(o)));
            if (o.status() == PushStatus.PUSHED || o.status() == PushStatus.UP_TO_DATE) {
                Fingerprint sha = Fingerprint.of(o.localSha().name());
                bases.add(new Base(o.id(), sha, sha, Instant.now()));
            }
        }
        state.updateBases(run.syncId(), bases, List.of());
        state.audit().append(events);
        state.finishRun(run.id(), report.finished(), report.status(), report.summaryJson());
    }

    private static Outcome outcome(PushOutcome o) {
        RemoteBranch item = new RemoteBranch(o.remote(), o.branch());
        ActionType type = o.status() == PushStatus.UP_TO_DATE || o.status() == PushStatus.BEHIND ? ActionType.SKIP : ActionType.PUSH;
        ChangeType change = switch (o.before() == null ? BranchState.UNREACHABLE : o.before()) {
            case IN_SYNC -> ChangeType.UNCHANGED;
            case MISSING -> ChangeType.ADDED;
            case DIVERGED, UNKNOWN -> ChangeType.CONFLICT;
            default -> ChangeType.MODIFIED;
        };
        Side side = change == ChangeType.CONFLICT ? Side.BOTH : o.before() == BranchState.BEHIND ? Side.RIGHT : Side.LEFT;
        Action<RemoteBranch> action = new Action<>(item, type, new Change(item.id(), change, side, describe(o)), o.message());
        String message = o.status().label() + (o.message().isEmpty() ? "" : ": " + o.message())
                + (o.hint().isEmpty() ? "" : " (to reconcile: " + o.hint() + ")");
        if (o.status() == PushStatus.PLANNED) {
            message = "dry run: would push (" + o.message() + ")";
        }
        return new Outcome(action, o.status().outcome(), message, Instant.now(), o.duration(), o.attempts());
    }

    private static String describe(PushOutcome o) {
        return o.before() == null ? "" : o.before().label();
    }

    private static Map<String, Long> counts(RemotesPushResult result) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PushStatus s : List.of(PushStatus.PUSHED, PushStatus.UP_TO_DATE, PushStatus.BLOCKED, PushStatus.BEHIND,
                PushStatus.REJECTED, PushStatus.QUEUED)) {
            counts.put(s.name().toLowerCase(Locale.ROOT), result.outcomes().stream().filter(o -> o.status() == s).count());
        }
        counts.put("unchanged", counts.remove("up_to_date"));
        counts.put("mirror_disagreements", (long) result.disagreements().size());
        return counts;
    }
}
