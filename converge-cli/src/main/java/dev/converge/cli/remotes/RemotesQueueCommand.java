package dev.converge.cli.remotes;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.model.Run;
import dev.converge.core.report.Report;
import dev.converge.core.state.StateStore;
import dev.converge.remotes.RemotesPush;
import dev.converge.remotes.RemotesPushResult;
import dev.converge.remotes.RemotesRecord;
import dev.converge.remotes.queue.PushQueue;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code converge remotes queue [list|retry|clear]}. */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"The offline queue: pushes that failed for a transient reason (unreachable, timeout, 5xx).",
                "list shows them; retry pushes them now (an entry whose branch moved on pushes the new commit;",
                "one that would now be a non-fast-forward is reported, never forced); clear forgets them."})
public final class RemotesQueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "list (default), retry or clear.")
    String action = "list";

    @Mixin
    RepositoryOptions repository;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        if (!action.equals("list") && !action.equals("retry") && !action.equals("clear")) {
            throw new UsageException("unknown queue action '" + action + "': use list, retry or clear");
        }
        try (Repository repo = repository.open(inv); StateStore state = inv.openState(action.equals("list"))) {
            String syncId = RemotesRecord.syncId(repo);
            PushQueue queue = Queues.of(state, syncId);
            return switch (action) {
                case "retry" -> retry(inv, repo, state, queue, syncId);
                case "clear" -> {
                    int n = queue.clear();
                    if (inv.console().json()) {
                        inv.console().print(RemotesJson.queue(queue.list(), "clear", n));
                    } else {
                        inv.console().line("cleared " + n + " queued push" + (n == 1 ? "" : "es"));
                    }
                    yield 0;
                }
                default -> {
                    if (inv.console().json()) {
                        inv.console().print(RemotesJson.queue(queue.list(), "list", 0));
                    } else {
                        new RemotesPrinter(inv.console()).queue(queue.list());
                    }
                    yield 0;
                }
            };
        }
    }

    private int retry(Invocation inv, Repository repo, StateStore state, PushQueue queue, String syncId) throws ConvergeException {
        Run run = Run.start(RemotesRecord.KIND, syncId, Invocation.commandLine(spec.commandLine().getParseResult().originalArgs()), false);
        RemotesPushResult result = new RemotesPush(repo, repository.config(inv, repo)).setQueue(queue).setQueueOnly(true)
                .setBases(RemotesRecord.bases(state, syncId)).setProgress(RemotesProgress.of(inv.console()))
                .setTimeout(repository.timeout()).setCredentials(repository.credentials(repo)).call();
        Report report = RemotesRecord.report(run, result);
        RemotesRecord.record(state, run, result, report);
        if (inv.console().json()) {
            inv.console().print(new dev.converge.core.report.JsonReport().render(report));
        } else {
            new RemotesPrinter(inv.console()).push(result);
        }
        return result.exitCode().code();
    }
}
