package dev.converge.cli.remotes;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.ExitCode;
import dev.converge.remotes.BranchState;
import dev.converge.remotes.BranchStatus;
import dev.converge.remotes.RemoteStatus;
import dev.converge.remotes.RemotesStatus;
import dev.converge.remotes.StatusResult;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code converge remotes status}: the dashboard. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Per remote and branch: in sync, ahead N, behind N, diverged (N, M), missing or unreachable,",
                "from one ref advertisement per remote (nothing is fetched, nothing written)."},
        footer = {"", "Exit: 0 all in sync; 1 a remote is unreachable or has something to push;",
                "3 a remote has commits the local branch lacks (behind or diverged): yours to reconcile."})
public final class RemotesStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--branch"}, paramLabel = "B", description = "Only this branch (repeatable; default: every local branch).")
    List<String> branches = List.of();

    @Mixin
    RepositoryOptions repository;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        try (Repository repo = repository.open(inv)) {
            StatusResult result = new RemotesStatus(repo, repository.config(inv, repo)).setBranches(branches)
                    .setTimeout(repository.timeout()).setCredentials(repository.credentials(repo)).call();
            if (inv.console().json()) {
                inv.console().print(RemotesJson.status(result));
            } else {
                new RemotesPrinter(inv.console()).status(result);
            }
            return exitCode(result).code();
        }
    }

    static ExitCode exitCode(StatusResult result) {
        boolean needsPush = false;
        boolean needsUser = false;
        for (RemoteStatus r : result.remotes()) {
            needsPush |= !r.reachable();
            for (BranchStatus b : r.branches()) {
                needsPush |= b.state().isFastForward();
                needsUser |= b.state().remoteHasOtherCommits();
            }
        }
        return needsPush ? ExitCode.ITEM_FAILED : needsUser ? ExitCode.CONFLICTS : ExitCode.CONVERGED;
    }
}
