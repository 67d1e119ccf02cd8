package dev.converge.cli.remotes;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.cli.ReportOutput;
import dev.converge.core.ConvergeException;
import dev.converge.core.model.Run;
import dev.converge.core.report.Report;
import dev.converge.core.state.StateStore;
import dev.converge.remotes.Confirmation;
import dev.converge.remotes.PushProgress;
import dev.converge.remotes.RemotesPush;
import dev.converge.remotes.RemotesPushResult;
import dev.converge.remotes.RemotesRecord;
import dev.converge.remotes.config.RemotesConfig;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code converge remotes push}. */
@Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Push branches to every remote whose branch filters match: in parallel, or by priority with",
                "--sequential. The offline queue is retried first. A remote that is behind or has diverged is never",
                "overwritten: force_push block refuses, warn asks (or needs --force off a terminal), allow pushes",
                "with a lease on the commit last seen there."},
        footer = {"", "Examples:", "  converge remotes push", "  converge remotes push --all-branches --dry-run",
                "  converge remotes push --branch main --remote origin --remote github-mirror --sequential"})
public final class RemotesPushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--branch"}, paramLabel = "B", description = "Push this branch (repeatable; default: the checked-out branch).")
    List<String> branches = List.of();

    @Option(names = "--all-branches", description = "Push every local branch (each to the remotes whose filters match it).")
    boolean allBranches;

    @Option(names = {"-r", "--remote"}, paramLabel = "R", description = "Only this remote (repeatable; default: every mirror).")
    List<String> remotes = List.of();

    @Option(names = "--sequential", description = "One remote after another, by priority.")
    boolean sequential;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would be pushed; write nothing (the queue and state included).")
    boolean dryRun;

    @Option(names = "--force", description = "Let force_push: warn remotes be force-pushed, with a lease. block stays blocked.")
    boolean force;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    ReportOutput report;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        report.check();
        try (Repository repo = repository.open(inv)) {
            RemotesConfig config = repository.config(inv, repo);
            String syncId = RemotesRecord.syncId(repo);
            PushProgress progress = RemotesProgress.of(inv.console());
            RemotesPush push = new RemotesPush(repo, config)
                    .setBranches(branches).setAllBranches(allBranches).setRemotes(remotes)
                    .setSequential(sequential).setDryRun(dryRun).setForce(force)
                    .setConfirmation(confirmation(inv, progress)).setProgress(progress)
                    .setTimeout(repository.timeout()).setCredentials(repository.credentials(repo));
            push.check(); // a usage error leaves no state file behind
            try (StateStore state = inv.openState(dryRun)) {
                Run run = Run.start(RemotesRecord.KIND, syncId, Invocation.commandLine(spec.commandLine().getParseResult().originalArgs()), dryRun);
                RemotesPushResult result = push.setQueue(Queues.of(state, syncId)).setBases(RemotesRecord.bases(state, syncId)).call();
                Report r = RemotesRecord.report(run, result);
                if (!dryRun) {
                    RemotesRecord.record(state, run, result, r);
                }
                if (!inv.console().json()) {
                    new RemotesPrinter(inv.console()).push(result);
                }
                if (inv.console().json() || report.requested()) {
                    report.emit(inv, r);
                }
                return result.exitCode().code();
            }
        }
    }

    /**
     * On a terminal, asks on it (stdin, put through the context so tests can script the answer);
     * off one there is nobody to ask, and {@code force_push: warn} refuses unless {@code --force}.
     */
    private static Confirmation confirmation(Invocation inv, PushProgress progress) {
        if (!inv.context().terminal()) {
            return null;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(inv.context().in(), StandardCharsets.UTF_8));
        if (progress instanceof RemotesProgress shown) {
            return shown.asking(in);
        }
        return question -> RemotesProgress.ask(inv.console().err(), in, question);
    }
}
