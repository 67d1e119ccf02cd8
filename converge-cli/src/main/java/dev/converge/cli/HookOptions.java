package dev.converge.cli;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.hooks.HookConfig;
import dev.converge.core.hooks.HookEnvironment;
import dev.converge.core.hooks.HookRunner;
import dev.converge.core.hooks.ShellHooks;
import dev.converge.core.hooks.SyncHooks;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --hooks/--no-hooks}, and the hooks a syncing command runs: the config's {@code hooks:}
 * section, validated whether or not it is enabled, so a typo shows up before the night it matters.
 */
public final class HookOptions {
    @Option(names = "--hooks", negatable = true,
            description = "Run the config's hooks (pre_sync may veto, post_sync, on_error); default: hooks.enabled, else off.")
    Boolean hooks;

    /**
     * The hooks to call, or none. Each runs with {@code sh -c} in the config file's directory (else the
     * working directory), with this process's environment less its secrets; its output goes to stderr.
     */
    public SyncHooks open(Invocation inv) throws ConvergeException {
        HookConfig config = HookConfig.read(inv.config().get("hooks"), inv.context().env());
        boolean enabled = inv.settings().bool("hooks.enabled", "--hooks", hooks, false).value();
        if (!enabled) {
            return SyncHooks.NONE;
        }
        if (config.isEmpty()) {
            if (Boolean.TRUE.equals(hooks)) {
                throw new UsageException("--hooks: the config declares no hook (pre_sync, post_sync or on_error under 'hooks:')");
            }
            return SyncHooks.NONE;
        }
        Path directory = inv.configFile() != null ? inv.configFile().toAbsolutePath().getParent()
                : inv.context().workingDirectory();
        HookRunner runner = new HookRunner(directory, HookEnvironment.withoutSecrets(inv.context().environment()),
                config.timeout(), line -> inv.context().err().println(line));
        return new ShellHooks(config, runner, line -> inv.console().error("warning: " + line));
    }
}
