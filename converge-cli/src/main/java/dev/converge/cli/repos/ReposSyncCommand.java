package dev.converge.cli.repos;

import dev.converge.repos.SyncMode;
import picocli.CommandLine.Command;

/** {@code converge repos sync PATTERN}. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Clone what is missing and update what is present.",
                "A dirty, detached or mid-merge clone is left exactly as it is and reported as skipped."},
        footer = {"", "Examples:", "  converge repos sync 'myorg/*' --provider work --into ~/src",
                "  converge repos sync '**' --provider local --root /srv/git --into ws --dry-run"})
public final class ReposSyncCommand extends SyncingCommand {
    @Override
    SyncMode mode() {
        return SyncMode.SYNC;
    }
}
