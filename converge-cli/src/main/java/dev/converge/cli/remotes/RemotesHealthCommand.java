package dev.converge.cli.remotes;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.ExitCode;
import dev.converge.remotes.RemoteHealth;
import dev.converge.remotes.RemotesHealth;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code converge remotes health}. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Per remote: reachable, latency, auth, VPN state. Connects no VPN, pushes nothing.",
        footer = {"", "Exit: 0 every remote answered; 1 at least one did not."})
public final class RemotesHealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        try (Repository repo = repository.open(inv)) {
            List<RemoteHealth> health = new RemotesHealth(repo, repository.config(inv, repo)).setTimeout(repository.timeout())
                    .setCredentials(repository.credentials(repo)).call();
            if (inv.console().json()) {
                inv.console().print(RemotesJson.health(health));
            } else {
                new RemotesPrinter(inv.console()).health(health);
            }
            return (health.stream().allMatch(RemoteHealth::reachable) ? ExitCode.CONVERGED : ExitCode.ITEM_FAILED).code();
        }
    }
}
