package dev.converge.cli.repos;

import dev.converge.repos.SyncMode;
import picocli.CommandLine.Command;

/** {@code converge repos pull PATTERN}. */
@Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Update the clones that are present; clone nothing.",
                "A dirty, detached or mid-merge clone is left exactly as it is and reported as skipped."},
        footer = {"", "Examples:", "  converge repos pull 'myorg/*' --provider work --into ~/src",
                "  converge repos pull '**' --provider local --root /srv/git --into ws --dry-run"})
public final class ReposPullCommand extends SyncingCommand {
    @Override
    SyncMode mode() {
        return SyncMode.PULL;
    }
}
