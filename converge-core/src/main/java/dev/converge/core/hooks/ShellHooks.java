package dev.converge.core.hooks;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.Run;
import dev.converge.core.report.Report;
import dev.converge.core.secret.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The config's hook commands at a sync's hook points. pre_sync vetoes the run by exiting non-zero
 * or by hanging past the timeout (when in doubt, write nothing); post_sync and on_error come after
 * the work is done, so their failures are reported but change neither the run nor its exit code.
 */
public final class ShellHooks implements SyncHooks {
    private final HookConfig config;
    private final HookRunner runner;
    private final Consumer<String> log;

    /**
     * @param log receives one line for each hook that failed after the run (its output goes to the runner's sink)
     */
    public ShellHooks(HookConfig config, HookRunner runner, Consumer<String> log) {
        this.config = config;
        this.runner = runner;
        this.log = log;
    }

    @Override
    public void beforeApply(Run run, List<? extends Action<?>> actions) throws ConvergeException {
        Optional<String> command = config.command(HookEvent.PRE_SYNC);
        if (command.isEmpty()) {
            return;
        }
        HookResult result = runner.run(HookEvent.PRE_SYNC, command.get(), HookPayloads.plan(run, actions),
                env(run, HookEvent.PRE_SYNC, null));
        if (!result.isSuccessful()) {
            throw new HookVetoException(name(HookEvent.PRE_SYNC, command.get()) + " " + result.describe(runner.timeout())
                    + ": run vetoed, nothing synced");
        }
    }

    @Override
    public void afterRun(Report report) {
        if (report.count("failed") > 0) {
            config.command(HookEvent.ON_ERROR).ifPresent(c -> after(HookEvent.ON_ERROR, c, report.run(),
                    HookPayloads.failures(report), report.status()));
        }
        config.command(HookEvent.POST_SYNC).ifPresent(c -> after(HookEvent.POST_SYNC, c, report.run(),
                HookPayloads.report(report), report.status()));
    }

    @Override
    public void onFault(Run run, String stage, ConvergeException fault) {
        config.command(HookEvent.ON_ERROR).ifPresent(c -> after(HookEvent.ON_ERROR, c, run,
                HookPayloads.fault(run, stage, Redactor.global().redact(fault.getMessage())), "error"));
    }

    private void after(HookEvent event, String command, Run run, byte[] payload, String status) {
        HookResult result = runner.run(event, command, payload, env(run, event, status));
        if (!result.isSuccessful()) {
            log.accept(Redactor.global().redact(name(event, command) + " " + result.describe(runner.timeout())));
        }
    }

    private static String name(HookEvent event, String command) {
        return event.key() + " hook (" + Redactor.global().redact(command) + ")";
    }

    /** CONVERGE_* variables: what the hook may want without parsing stdin. */
    private static Map<String, String> env(Run run, HookEvent event, String status) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONVERGE_HOOK", event.key());
        env.put("CONVERGE_RUN_ID", run.id());
        env.put("CONVERGE_KIND", run.kind());
        env.put("CONVERGE_SYNC", Redactor.global().redact(run.syncId()));
        if (status != null) {
            env.put("CONVERGE_STATUS", status);
        }
        return env;
    }
}
