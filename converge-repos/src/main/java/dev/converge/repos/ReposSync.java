package dev.converge.repos;

import dev.converge.core.ConvergeException;
import dev.converge.core.ExitCode;
import dev.converge.core.UsageException;
import dev.converge.core.hooks.SyncHooks;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Plan;
import dev.converge.core.model.Run;
import dev.converge.core.pipeline.Apply;
import dev.converge.core.pipeline.ApplyResult;
import dev.converge.core.progress.ProgressListener;
import dev.converge.core.report.Report;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.state.StateRecorder;
import dev.converge.core.state.StateStore;
import dev.converge.repos.git.ConflictPrompt;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.git.GitBinary;
import dev.converge.repos.host.HostLimits;
import dev.converge.repos.host.HostThrottle;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.DiscoveryFault;
import dev.converge.repos.provider.Pause;
import dev.converge.repos.provider.Provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code converge repos sync|clone|pull}: keeps clones under a directory converged with the
 * repositories a provider lists. discover (the provider's listing) → compare (provider version
 * and local HEAD against the bases) → plan → apply (clones and pulls in parallel) → record →
 * report. Single use: configure with the setters, then {@link #call()}.
 */
public final class ReposSync {
    public static final String KIND = "repos";
    /** How long one clone or fetch waits out its host's push-back in all before it is reported. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(5);

    private final Provider provider;
    private final Path into;
    private final StateStore state;
    private RepoPattern pattern = RepoPattern.all();
    private SyncMode mode = SyncMode.SYNC;
    private RepoSelection selection = RepoSelection.DEFAULT;
    private ConflictStrategy strategy = ConflictStrategy.SKIP;
    private ConflictPrompt prompt;
    private HostThrottle throttle;
    private boolean incremental = true;
    private boolean dryRun;
    private int concurrency = 8;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private ProgressListener progress = ProgressListener.NONE;
    private String commandLine = "converge repos sync";
    private SyncHooks hooks = SyncHooks.NONE;
    private Supplier<GitBinary> gitBinary = () -> null;

    /**
     * @param provider where the repositories are listed
     * @param into     the workspace: each clone lands at {@code into/<full path>}
     * @param state    the state store; read-only for a dry run
     */
    public ReposSync(Provider provider, Path into, StateStore state) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.into = Objects.requireNonNull(into, "into").toAbsolutePath().normalize();
        this.state = Objects.requireNonNull(state, "state");
    }

    public ReposSync setPattern(RepoPattern pattern) {
        this.pattern = pattern;
        return this;
    }

    public ReposSync setMode(SyncMode mode) {
        this.mode = mode;
        return this;
    }

    public ReposSync setSelection(RepoSelection selection) {
        this.selection = selection;
        return this;
    }

    public ReposSync setStrategy(ConflictStrategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Who settles conflicts under the interactive strategy; {@code null} (no terminal) makes it skip. */
    public ReposSync setPrompt(ConflictPrompt prompt) {
        this.prompt = prompt;
        return this;
    }

    /**
     * The per-host limits clones and fetches keep to; by default each host gets as many at once as
     * the run's concurrency, halved on push-back.
     */
    public ReposSync setThrottle(HostThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    /** With {@code false}, every present clone is fetched whatever its base says. */
    public ReposSync setIncremental(boolean incremental) {
        this.incremental = incremental;
        return this;
    }

    public ReposSync setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    public ReposSync setConcurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    public ReposSync setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return this;
    }

    public ReposSync setProgress(ProgressListener progress) {
        this.progress = progress;
        return this;
    }

    /** The command as the user typed it (secrets already removed), for reports and the audit trail. */
    public ReposSync setCommandLine(String commandLine) {
        this.commandLine = commandLine;
        return this;
    }

    /** The hooks to call: pre_sync may veto the run after planning, before anything is written. */
    public ReposSync setHooks(SyncHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        return this;
    }

    /**
     * The {@code git} binary that makes the clones, or {@code null} for JGit (the default); asked only
     * when a clone is made.
     */
    public ReposSync setGitBinary(Supplier<GitBinary> gitBinary) {
        this.gitBinary = Objects.requireNonNull(gitBinary, "gitBinary");
        return this;
    }

    /** The identity of this (provider, workspace) pair in the state store. */
    public String syncId() {
        return syncId(provider, into);
    }

    /** The sync id for a provider and workspace, for commands that read bases without syncing. */
    public static String syncId(Provider provider, Path into) {
        return KIND + ":" + provider.describe() + " -> " + into.toAbsolutePath().normalize();
    }

    public ReposResult call() throws ConvergeException {
        if (Files.exists(into) && !Files.isDirectory(into)) {
            throw new UsageException("--into " + into + " is a file, not a directory");
        }
        if (!dryRun && state.isReadOnly()) {
            throw new IllegalStateException("a sync that writes needs a writable state store");
        }
        Run run = Run.start(KIND, syncId(), commandLine, dryRun);
        Plan<RepoItem> plan;
        try {
            plan = plan(state.bases(run.syncId()));
        } catch (ConvergeException e) {
            if (!dryRun && e.exitCode() != ExitCode.USAGE) {
                hooks.onFault(run, "discover", e);
            }
            throw e;
        }
        if (dryRun) {
            return new ReposResult(report(run, plan, planned(plan)), plan);
        }
        hooks.beforeApply(run, plan.actions());
        state.beginRun(run);
        StateRecorder recorder = new StateRecorder(state, run);
        progress.planned(plan.actions().size(), 0);
        ApplyResult applied = new Apply<>(new RepoRunner(provider.credentials().orElse(null), strategy, prompt,
                throttle != null ? throttle : new HostThrottle(new HostLimits(concurrency), Pause.SLEEP, DEFAULT_PATIENCE))
                .gitBinary(gitBinary))
                .setConcurrency(concurrency).setRetryPolicy(retryPolicy).setRecorder(recorder).setProgress(progress)
                .call(plan.actions());
        Report report = report(run, plan, applied.outcomes());
        state.finishRun(run.id(), report.finished(), report.status(), report.summaryJson());
        if (recorder.failure() != null) {
            hooks.onFault(run, "record", recorder.failure());
            throw recorder.failure();
        }
        hooks.afterRun(report);
        return new ReposResult(report, plan);
    }

    private Plan<RepoItem> plan(Map<String, Base> bases) throws ConvergeException {
        try {
            return RepoPlanner.into(into).mode(mode).selection(selection).incremental(incremental)
                    .bases(bases).pattern(pattern).plan(provider.discover(pattern));
        } catch (DiscoveryFault e) {
            throw e.fault();
        }
    }

    /** In a dry run every action is reported as skipped, with what it would have done. */
    private static List<Outcome> planned(Plan<RepoItem> plan) {
        Instant now = Instant.now();
        List<Outcome> outcomes = new ArrayList<>();
        for (Action<RepoItem> a : plan.actions()) {
            String would = a.type() == ActionType.SKIP ? a.reason() : "dry run: would " + a.type().label() + " (" + a.reason() + ")";
            outcomes.add(new Outcome(a, Outcome.Status.SKIPPED, would, now, Duration.ZERO, 0));
        }
        return outcomes;
    }

    private static Report report(Run run, Plan<RepoItem> plan, List<Outcome> outcomes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("cloned", done(outcomes, ActionType.CLONE, run.dryRun()));
        counts.put("pulled", done(outcomes, ActionType.PULL, run.dryRun()));
        counts.put("unchanged", plan.unchanged());
        return Report.of(run, Instant.now(), outcomes, counts);
    }

    private static long done(List<Outcome> outcomes, ActionType type, boolean dryRun) {
        return outcomes.stream().filter(o -> o.action().type() == type)
                .filter(o -> dryRun ? o.status() == Outcome.Status.SKIPPED : o.isSuccessful()).count();
    }
}
