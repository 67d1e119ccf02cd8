package dev.converge.cli.files;

import dev.converge.cli.ConvergeCommand;
import dev.converge.cli.GlobalOptions;
import dev.converge.cli.Invocation;
import dev.converge.cli.ReportOutput;
import dev.converge.cli.RetrySettings;
import dev.converge.cli.TerminalProgress;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import dev.converge.core.state.StateStore;
import dev.converge.files.DeleteLimit;
import dev.converge.files.FilesPush;
import dev.converge.files.PushMode;
import dev.converge.files.PushResult;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code converge files push SOURCE --to TARGET}. */
@Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make TARGET hold what SOURCE holds: upload what is new or changed since the last push,",
                "and with --delete remove what is gone. Only files whose size, mtime or inode changed are hashed."},
        footer = {"", "Examples:", "  converge files push ./notes --to dir:/mnt/backup/notes",
                "  converge files push ./notes --to s3://bucket/notes --endpoint http://127.0.0.1:9000 --dry-run",
                "  converge files push ./notes --to azure://devlog/notes --delete --max-delete 10"})
public final class FilesPushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--mode", paramLabel = "MODE", description = "incremental (trust the last push's record; default) or all (compare every file by content hash).")
    String mode;

    @Option(names = "--force", description = "Upload every file, changed or not.")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "Print the plan; write nothing anywhere, the state file included.")
    boolean dryRun;

    @Option(names = "--delete", description = "Also remove remote objects whose local file is gone.")
    boolean delete;

    @Option(names = "--max-delete", paramLabel = "N|P%", description = "Refuse a run that would delete more than N objects or P%% of them (default 50%%).")
    String maxDelete;

    @Option(names = "--create", description = "Create the container, bucket or directory if it does not exist.")
    boolean create;

    @Option(names = {"-j", "--concurrency"}, paramLabel = "N", description = "Parallel transfers (default 16).")
    Integer concurrency;

    @Mixin
    ReportOutput report;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws ConvergeException {
        Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
        Settings settings = inv.settings();
        report.check();
        StoreOptions.checkConfig(inv.config());
        StoreTarget target = store.target(inv);
        PushMode pushMode = PushMode.parse(settings.string("files.mode", "--mode", mode, "incremental", false).value());
        DeleteLimit limit = DeleteLimit.parse(settings.string("files.max_delete", "--max-delete", maxDelete, "50%", false).value());
        int parallel = settings.integer("files.concurrency", "--concurrency", concurrency, 16, 1).value();
        var retry = RetrySettings.resolve(settings);
        java.util.List<String> excludes = new java.util.ArrayList<>(ConfigLists.strings(inv, "files.exclude"));
        excludes.addAll(store.excludes);

        try (ObjectStore objects = store.openStore(inv, target); StateStore state = inv.openState(dryRun)) {
            PushResult result = new FilesPush(inv.context().resolve(store.source), objects, state)
                    .setMode(pushMode).setForce(force).setDryRun(dryRun).setDelete(delete).setCreate(create)
                    .setMaxDelete(limit).setConcurrency(parallel).setExcludes(excludes).setRetryPolicy(retry)
                    .setProgress(TerminalProgress.of(inv.console()))
                    .setCommandLine(Invocation.commandLine(spec.commandLine().getParseResult().originalArgs()))
                    .call();
            if (dryRun && !inv.console().json()) {
                PlanPrinter.print(inv.console(), result.plan(), target.raw());
            }
            report.emit(inv, result.report());
            return result.exitCode().code();
        }
    }
}
