package dev.converge.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code converge completion bash}: a completion script for the shell. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script. Load it with:", "  source <(converge completion bash)",
                "(zsh: autoload -U +X bashcompinit && bashcompinit first)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        CliContext context = ConvergeCommand.context(spec);
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            context.err().println("converge: completion " + shell + ": expected bash or zsh");
            return 2;
        }
        context.out().print(AutoComplete.bash("converge", spec.root().commandLine()));
        return 0;
    }
}
