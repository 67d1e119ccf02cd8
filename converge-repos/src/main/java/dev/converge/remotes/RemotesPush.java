package dev.converge.remotes;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.queue.PushQueue;
import dev.converge.remotes.queue.QueuedPush;
import dev.converge.remotes.vpn.CommandRunner;
import dev.converge.remotes.vpn.VpnGate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pushes branches to every mirror whose branch filters match them: in parallel by default, by
 * priority with {@link #setSequential}. The offline queue is retried first, in the same exchange
 * with each remote. Each remote has its own retries and outcome; one failing never holds up the
 * others. A remote that is behind or has diverged is never overwritten, except with a lease where
 * {@code force_push} allows it.
 *
 * <pre>{@code
 * RemotesPushResult result = new RemotesPush(repository, config).setAllBranches(true).setQueue(queue).call();
 * }</pre>
 */
public final class RemotesPush {
    private final Repository repository;
    private final RemotesConfig config;
    private List<String> branches = List.of();
    private boolean allBranches;
    private List<String> remotes = List.of();
    private boolean sequential;
    private boolean dryRun;
    private boolean force;
    private boolean queueOnly;
    private Confirmation confirmation;
    private PushQueue queue = PushQueue.NONE;
    private Duration timeout = Duration.ofSeconds(30);
    private CredentialsProvider credentials;
    private PushBases bases = PushBases.NONE;
    private PushProgress progress = PushProgress.NONE;

    public RemotesPush(Repository repository, RemotesConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** The branches to push (default: the checked-out branch). Each must exist. */
    public RemotesPush setBranches(List<String> branches) {
        this.branches = List.copyOf(branches);
        return this;
    }

    /** Push every local branch (each still only to the remotes whose filters match it). */
    public RemotesPush setAllBranches(boolean allBranches) {
        this.allBranches = allBranches;
        return this;
    }

    /** Only these remotes (default: all mirrors). The offline queue is retried for every remote all the same. */
    public RemotesPush setRemotes(List<String> remotes) {
        this.remotes = List.copyOf(remotes);
        return this;
    }

    /** One remote after another, by priority, instead of all at once. */
    public RemotesPush setSequential(boolean sequential) {
        this.sequential = sequential;
        return this;
    }

    /** Read the remotes and plan, write nothing (the queue is left as it is). */
    public RemotesPush setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Let {@code force_push: warn} remotes be force-pushed (still with a lease). {@code block} stays blocked. */
    public RemotesPush setForce(boolean force) {
        this.force = force;
        return this;
    }

    /** How to ask the user on a terminal; {@code null} (the default) means not on a terminal. */
    public RemotesPush setConfirmation(Confirmation confirmation) {
        this.confirmation = confirmation;
        return this;
    }

    /** Where transient failures are queued and retried from (default: no queue). */
    public RemotesPush setQueue(PushQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
        return this;
    }

    /** Retry the offline queue only, push nothing else ({@code converge remotes queue retry}). */
    public RemotesPush setQueueOnly(boolean queueOnly) {
        this.queueOnly = queueOnly;
        return this;
    }

    /** Bound on each network operation. */
    public RemotesPush setTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** What converge last pushed to each (remote, branch): the leases of {@code force_push: allow}. */
    public RemotesPush setBases(PushBases bases) {
        this.bases = Objects.requireNonNull(bases, "bases");
        return this;
    }

    /** Told when each remote starts and finishes. */
    public RemotesPush setProgress(PushProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    public RemotesPush setCredentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    /**
     * Refuses what {@link #call} would refuse, reading only the local repository: a caller checks
     * first and opens its state store after, so a usage error leaves nothing written.
     *
     * @throws ConvergeException for a bad remote or branch name, a glob matching no branch, a branch no remote mirrors
     */
    public void check() throws ConvergeException {
        LocalBranches local = readBranches();
        List<Mirror> mirrors = Mirrors.of(repository, config);
        addRequested(new LinkedHashMap<>(), mirrors, requested(local, mirrors), local);
    }

    private List<String> requested(LocalBranches local, List<Mirror> mirrors) throws ConvergeException {
        checkRemoteNames(mirrors);
        List<String> requested = queueOnly ? List.of() : local.select(branches, allBranches);
        local.requireEveryGlobMatches(mirrors);
        return requested;
    }

    /**
     * @throws ConvergeException before anything is pushed, for a bad remote or branch name, a branch no
     *                           remote mirrors, or a queue that cannot be read
     */
    public RemotesPushResult call() throws ConvergeException {
        LocalBranches local = readBranches();
        List<Mirror> mirrors = Mirrors.of(repository, config);
        List<String> requested = requested(local, mirrors);
        List<String> warnings = new ArrayList<>();
        PushQueue active = config.offlineQueue() ? queue : PushQueue.NONE;
        Map<String, List<PushTarget>> targets = queuedTargets(active, mirrors, local, warnings);
        addRequested(targets, mirrors, requested, local);

        List<Mirror> work = mirrors.stream().filter(m -> targets.containsKey(m.name())).toList();
        Map<String, VpnGate> gates = gates(work);
        MirrorPush.Options options = new MirrorPush.Options(dryRun, force, oneQuestionAtATime(confirmation), bases);
        BranchComparer comparer = new BranchComparer(repository);
        progress.pending(work.stream().map(Mirror::name).toList());
        List<MirrorPush.Result> results;
        try (SharedPacks packs = new SharedPacks(repository)) {
            RemoteClient client = new RemoteClient(repository, config.retry(), timeout, credentials, packs, comparer);
            results = Parallel.map(work, config.parallel() && !sequential, m -> {
                progress.pushing(m.name());
                MirrorPush.Result result = new MirrorPush(repository, m, targets.get(m.name()), client, comparer, gateFor(m, gates), options).call();
                progress.finished(m.name(), result.outcomes());
                return result;
            });
        }

        List<PushOutcome> outcomes = new ArrayList<>();
        List<Advertisement> ads = new ArrayList<>();
        for (MirrorPush.Result r : results) {
            outcomes.addAll(r.outcomes());
            if (r.advertisement() != null) {
                ads.add(r.advertisement());
            }
        }
        if (!dryRun) {
            updateQueue(active, outcomes);
        }
        return new RemotesPushResult(outcomes, RemotesStatus.disagreements(ads, comparer), warnings, dryRun);
    }

    private LocalBranches readBranches() throws ConvergeException {
        try {
            return LocalBranches.of(repository);
        } catch (IOException e) {
            throw new ConvergeException("cannot read the branches of " + repository.getDirectory() + ": " + e.getMessage(), e);
        }
    }

    private void checkRemoteNames(List<Mirror> mirrors) throws UsageException {
        Set<String> known = new java.util.TreeSet<>();
        mirrors.forEach(m -> known.add(m.name()));
        for (String r : remotes) {
            if (!known.contains(r)) {
                throw new UsageException("remote '" + r + "' is not a mirror of this repository; mirrors: " + String.join(", ", known));
            }
        }
    }

    /**
     * The queue's entries as targets, first in line. An entry whose branch moved on is updated to
     * the branch's commit now; one whose remote or branch is gone is dropped, with a warning.
     */
    private Map<String, List<PushTarget>> queuedTargets(PushQueue active, List<Mirror> mirrors, LocalBranches local,
                                                        List<String> warnings) throws ConvergeException {
        Map<String, List<PushTarget>> targets = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        mirrors.forEach(m -> names.add(m.name()));
        for (QueuedPush entry : active.list()) {
            ObjectId now = local.head(entry.branch());
            if (!names.contains(entry.remote()) || now == null) {
                warnings.add("queued push " + entry.id() + " dropped: " + (now == null ? "the branch no longer exists" : "the remote is gone"));
                if (!dryRun) {
                    active.remove(entry.remote(), entry.branch());
                }
                continue;
            }
            if (!now.name().equals(entry.sha())) {
                warnings.add("queued push " + entry.id() + " moved on from " + entry.sha().substring(0, 7) + " to " + now.abbreviate(7).name());
                if (!dryRun) {
                    active.put(new QueuedPush(entry.remote(), entry.branch(), now.name(), entry.queuedAt(), entry.attempts(), entry.lastError()));
                }
            }
            targets.computeIfAbsent(entry.remote(), r -> new ArrayList<>()).add(new PushTarget(entry.branch(), now, true));
        }
        return targets;
    }

    private void addRequested(Map<String, List<PushTarget>> targets, List<Mirror> mirrors, List<String> requested,
                              LocalBranches local)
            throws UsageException {
        boolean named = !branches.isEmpty();
        for (String branch : requested) {
            boolean taken = false;
            for (Mirror m : mirrors) {
                if ((remotes.isEmpty() || remotes.contains(m.name())) && m.settings().mirrors(branch)) {
                    taken = true;
                    List<PushTarget> list = targets.computeIfAbsent(m.name(), r -> new ArrayList<>());
                    if (list.stream().noneMatch(t -> t.branch().equals(branch))) {
                        list.add(new PushTarget(branch, local.head(branch), false));
                    }
                }
            }
            if (!taken && named) {
                throw new UsageException("branch '" + branch + "' is mirrored by no " + (remotes.isEmpty() ? "" : "selected ")
                        + "remote: no branches glob matches it");
            }
        }
    }

    private Map<String, VpnGate> gates(List<Mirror> work) {
        Map<String, Integer> users = new HashMap<>();
        for (Mirror m : work) {
            if (m.settings().vpn() != null) {
                users.merge(m.settings().vpn(), 1, Integer::sum);
            }
        }
        Map<String, VpnGate> gates = new HashMap<>();
        CommandRunner runner = new CommandRunner(repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath(),
                repository.getDirectory().toPath().resolve(CommandRunner.LOG_FILE));
        users.forEach((name, count) -> config.vpn(name).ifPresent(v -> gates.put(name, new VpnGate(v, count, runner))));
        return gates;
    }

    /** Parallel pushes may each need to ask; the user is asked one question at a time. */
    private static Confirmation oneQuestionAtATime(Confirmation confirmation) {
        if (confirmation == null) {
            return null;
        }
        Object lock = new Object();
        return question -> {
            synchronized (lock) {
                return confirmation.confirm(question);
            }
        };
    }

    private static VpnGate gateFor(Mirror m, Map<String, VpnGate> gates) {
        return m.settings().vpn() == null ? null : gates.get(m.settings().vpn());
    }

    private static void updateQueue(PushQueue active, List<PushOutcome> outcomes) throws ConvergeException {
        for (PushOutcome o : outcomes) {
            switch (o.status()) {
                case QUEUED -> active.put(new QueuedPush(o.remote(), o.branch(), o.localSha().name(), Instant.now(),
                        attemptsSoFar(active, o) + 1, o.message()));
                case PUSHED, UP_TO_DATE -> active.remove(o.remote(), o.branch());
                case BLOCKED, REJECTED, BEHIND -> {
                    // A queued push that would now be a non-fast-forward is reported once, not retried forever;
                    // one whose commit the remote already holds (behind) has nothing left to do.
                    if (o.fromQueue()) {
                        active.remove(o.remote(), o.branch());
                    }
                }
                default -> {
                    // A queued push that failed again for another reason (auth) stays queued, with the new error.
                    if (o.fromQueue()) {
                        active.put(new QueuedPush(o.remote(), o.branch(), o.localSha().name(), Instant.now(),
                                attemptsSoFar(active, o) + 1, o.message()));
                    }
                }
            }
        }
    }

    private static int attemptsSoFar(PushQueue active, PushOutcome o) throws ConvergeException {
        return active.list().stream().filter(e -> e.remote().equals(o.remote()) && e.branch().equals(o.branch()))
                .mapToInt(QueuedPush::attempts).findFirst().orElse(0);
    }
}
