package dev.converge.cli.repos;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.HookOptions;
import dev.converge.cli.Invocation;
import dev.converge.cli.ReportOutput;
import dev.converge.cli.RetrySettings;
import dev.converge.cli.TerminalProgress;
import dev.converge.cli.schedule.ScheduleOptions;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import dev.converge.core.hooks.SyncHooks;
import dev.converge.core.report.ReportItem;
import dev.converge.core.state.StateStore;
import dev.converge.repos.ReposResult;
import dev.converge.repos.ReposSync;
import dev.converge.repos.SyncMode;
import dev.converge.core.progress.ProgressListener;
import dev.converge.repos.git.ConflictPrompt;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.git.GitBinary;
import dev.converge.repos.host.HostLimits;
import dev.converge.repos.host.HostThrottle;
import dev.converge.repos.provider.Pause;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.Provider;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code repos sync}, {@code clone} and {@code pull} share; each only says which half it does. */
abstract class SyncingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "Glob over full paths: * and ? within a segment, ** across, {a,b}; NAME: prefix picks a provider.")
    String pattern;

    @Mixin
    ProviderOptions providerOptions;

    @Option(names = "--conflict-strategy", paramLabel = "S", description = "skip (default), ours, theirs, union, or interactive (ask per file on a terminal; skip elsewhere).")
    String conflictStrategy;

    @Option(names = "--incremental", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Skip repositories unchanged on both sides since the last sync without fetching (default on).")
    boolean incremental;

    @Option(names = {"-j", "--concurrency"}, paramLabel = "N", description = "Repositories worked on at once (default 8).")
    Integer concurrency;

    @Option(names = "--git", paramLabel = "auto|jgit|PATH",
            description = "Who clones: auto (default: the git on PATH if 2.31 or newer, else JGit), jgit, or the path of a git binary. Updates always use JGit.")
    String git;

    @Option(names = {"-n", "--dry-run"}, description = "Print the plan; clone, fetch and write nothing.")
    boolean dryRun;

    @Mixin
    ReportOutput report;

    @Mixin
    HookOptions hookOptions;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    GlobalOptions global;

    abstract SyncMode mode();

    /**
     * A skipped repository is work the user left in progress (dirty, detached, mid-merge) or a
     * target that is not ours; the text report only counts skips, so each is named here with why.
     */
    private static void printSkipped(Invocation inv, ReposResult result) {
        for (ReportItem item : result.report().items()) {
            if (item.outcome().equals("skipped")) {
                inv.console().line(inv.console().paint("= skipped " + item.id(), "33") + "  (" + item.message() + ")");
            }
        }
    }

    /** The terminal's prompt for the interactive strategy; off a terminal, none, and the user is told once. */
    private static ConflictPrompt prompt(Invocation inv, ConflictStrategy strategy) {
        if (strategy != ConflictStrategy.INTERACTIVE) {
            return null;
        }
        if (!inv.console().terminal()) {
            inv.console().note("converge: not a terminal, so --conflict-strategy interactive behaves as skip: "
                    + "a conflicting merge is aborted and the repository left as it was");
            return null;
        }
        return new ConsolePrompt(inv.context());
    }

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        ReposSettings.checkConfig(inv);
        Settings settings = inv.settings();
        report.check();
        schedule.check();
        RepoPattern repoPattern = RepoPattern.parse(pattern);
        ConflictStrategy strategy = ReposSettings.strategy(inv, conflictStrategy);
        Supplier<GitBinary> gitBinary = ReposSettings.gitBinary(inv, git);
        int parallel = settings.integer("repos.concurrency", "--concurrency", concurrency, 8, 1).value();
        var retry = RetrySettings.resolve(settings);
        SyncHooks hooks = hookOptions.open(inv);
        if (schedule.requested()) {
            // Stored, not run: what could be checked without the provider's secrets was checked above.
            return schedule.store(inv, spec.commandLine().getParseResult().originalArgs(), dryRun);
        }
        HostLimits limits = providerOptions.hostLimits(inv, parallel);
        Provider provider = providerOptions.open(inv, repoPattern, limits);
        java.nio.file.Path into = providerOptions.into(inv);
        ConflictPrompt prompt = prompt(inv, strategy);
        try (StateStore state = inv.openState(dryRun)) {
            ReposResult result = new ReposSync(provider, into, state)
                    .setPattern(repoPattern).setMode(mode()).setSelection(providerOptions.selection())
                    .setStrategy(strategy).setIncremental(incremental).setDryRun(dryRun).setConcurrency(parallel)
                    .setRetryPolicy(retry).setPrompt(prompt).setHooks(hooks).setGitBinary(gitBinary)
                    .setThrottle(new HostThrottle(limits, Pause.SLEEP, ReposSync.DEFAULT_PATIENCE))
                    // A redrawn progress bar would scribble over the questions.
                    .setProgress(prompt == null ? TerminalProgress.of(inv.console()) : ProgressListener.NONE)
                    .setCommandLine(Invocation.commandLine(spec.commandLine().getParseResult().originalArgs()))
                    .call();
            if (dryRun && !inv.console().json()) {
                ReposPlanPrinter.print(inv.console(), result.plan());
            } else if (!inv.console().json() && !inv.console().quiet()) {
                printSkipped(inv, result);
            }
            report.emit(inv, result.report());
            return result.exitCode().code();
        }
    }
}
