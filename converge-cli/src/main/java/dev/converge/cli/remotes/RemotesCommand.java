package dev.converge.cli.remotes;

import picocli.CommandLine.Command;

/** {@code converge remotes}: one repository's branches kept pushed to all its mirrors. */
@Command(name = "remotes", mixinStandardHelpOptions = true,
        description = {"Keep this repository's branches pushed to all its Git remotes (mirrors).",
                "Configured in .converge.yaml at the repository root (remotes, vpn, parallel, offline_queue, retry);",
                "remotes not listed there are mirrored with defaults (all branches, force_push: block) unless discover: false."},
        subcommands = {RemotesStatusCommand.class, RemotesPushCommand.class, RemotesHealthCommand.class,
                RemotesQueueCommand.class, RemotesInstallHookCommand.class})
public final class RemotesCommand {
}
