package dev.converge.cli.files;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.report.JsonReport;
import dev.converge.core.state.StateStore;
import dev.converge.files.FilesPush;
import dev.converge.files.PushMode;
import dev.converge.files.PushResult;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code converge files status SOURCE --to TARGET}: what a push would do, by kind of change. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what a push would do, by kind of change (added, modified, deleted, conflicts). Writes nothing.")
public final class FilesStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--mode", paramLabel = "MODE", description = "incremental (default) or all.")
    String mode;

    @Option(names = "--delete", description = "Count remote objects a push with --delete would remove.")
    boolean delete;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        StoreOptions.checkConfig(inv.config());
        StoreTarget target = store.target(inv);
        List<String> excludes = new ArrayList<>(ConfigLists.strings(inv, "files.exclude"));
        excludes.addAll(store.excludes);
        PushMode pushMode = PushMode.parse(inv.settings().string("files.mode", "--mode", mode, "incremental", false).value());
        try (ObjectStore objects = store.openStore(inv, target); StateStore state = inv.openState(true)) {
            PushResult result = new FilesPush(inv.context().resolve(store.source), objects, state)
                    .setDryRun(true).setDelete(delete).setMode(pushMode).setExcludes(excludes)
                    .setMaxDelete(new dev.converge.files.DeleteLimit(-1, 100))
                    .setCommandLine(Invocation.commandLine(spec.commandLine().getParseResult().originalArgs()))
                    .call();
            if (inv.console().json()) {
                inv.console().print(new JsonReport().render(result.report()));
            } else {
                PlanPrinter.print(inv.console(), result.plan(), target.raw());
            }
            return result.plan().changes().getOrDefault("conflicts", 0L) > 0 ? 3 : 0;
        }
    }
}
