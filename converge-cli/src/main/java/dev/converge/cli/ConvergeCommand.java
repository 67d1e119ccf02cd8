package dev.converge.cli;

import dev.converge.cli.files.FilesCommand;
import dev.converge.cli.remotes.RemotesCommand;
import dev.converge.cli.repos.ReposCommand;
import dev.converge.cli.schedule.DaemonCommand;
import dev.converge.cli.schedule.ScheduleCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: only dispatches. */
@Command(name = "converge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keeps things in sync: repositories, remotes, files, records, components.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  everything converged", "  1  some item failed (the others were done)",
                "  2  usage or configuration error (nothing written)", "  3  conflicts left for you to resolve"})
public final class ConvergeCommand implements Runnable {
    /**
     * The top-level commands, in the order help lists them. Not in the {@code @Command} annotation:
     * {@link Main} registers only the one a command line names, because building picocli's model of
     * every command (reflection over each option of each class) was a third of a run's start-up.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(FilesCommand.class, ReposCommand.class, RemotesCommand.class,
            HistoryCommand.class, ConfigCommand.class, CompletionCommand.class, ScheduleCommand.class, DaemonCommand.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public ConvergeCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** The context of the process, from any command's spec. */
    public static CliContext context(CommandSpec spec) {
        return ((ConvergeCommand) spec.root().userObject()).context;
    }
}
