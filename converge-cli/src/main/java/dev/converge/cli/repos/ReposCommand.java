package dev.converge.cli.repos;

import picocli.CommandLine.Command;

/** {@code converge repos}: a fleet of repositories from hosting providers, cloned and kept up to date. */
@Command(name = "repos", mixinStandardHelpOptions = true,
        description = "Keep a fleet of repositories from a hosting provider cloned and up to date.",
        subcommands = {ReposListCommand.class, ReposSyncCommand.class, ReposCloneCommand.class,
                ReposPullCommand.class, ReposStatusCommand.class})
public final class ReposCommand {
}
