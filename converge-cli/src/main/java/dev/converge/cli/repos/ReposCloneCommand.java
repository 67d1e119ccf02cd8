package dev.converge.cli.repos;

import dev.converge.repos.SyncMode;
import picocli.CommandLine.Command;

/** {@code converge repos clone PATTERN}. */
@Command(name = "clone", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Clone the repositories that are missing; leave present ones alone.",
                "A dirty, detached or mid-merge clone is left exactly as it is and reported as skipped."},
        footer = {"", "Examples:", "  converge repos clone 'myorg/*' --provider work --into ~/src",
                "  converge repos clone '**' --provider local --root /srv/git --into ws --dry-run"})
public final class ReposCloneCommand extends SyncingCommand {
    @Override
    SyncMode mode() {
        return SyncMode.CLONE;
    }
}
