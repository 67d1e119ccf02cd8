package dev.converge.cli.remotes;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.remotes.hook.HookInstaller;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code converge remotes install-hook [--pre-push] [--post-commit]}. */
@Command(name = "install-hook", mixinStandardHelpOptions = true,
        description = {"Write Git hooks that push to the mirrors automatically: pre-push (before each git push;",
                "never blocks it) and/or post-commit (after each commit, in the background). A hook that converge",
                "did not write is left alone."})
public final class RemotesInstallHookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pre-push", description = "Install the pre-push hook (the default when neither is given).")
    boolean prePush;

    @Option(names = "--post-commit", description = "Install the post-commit hook.")
    boolean postCommit;

    @Option(names = "--command", paramLabel = "PATH", description = "How the hook runs converge (default: converge, from PATH).")
    String command = "converge";

    @Mixin
    RepositoryOptions repository;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        List<HookInstaller.Hook> hooks = new ArrayList<>();
        if (prePush || !postCommit) {
            hooks.add(HookInstaller.Hook.PRE_PUSH);
        }
        if (postCommit) {
            hooks.add(HookInstaller.Hook.POST_COMMIT);
        }
        try (Repository repo = repository.open(inv)) {
            for (Path written : new HookInstaller(repo, command).install(hooks)) {
                inv.console().line("installed " + written);
            }
        }
        return 0;
    }
}
