package dev.converge.repos;

import dev.converge.repos.provider.HostedRepo;

/**
 * Which listed repositories a run takes: archived and disabled ones are left out unless asked
 * for (they cannot change, or cannot be cloned), forks are taken unless excluded.
 */
public record RepoSelection(boolean includeArchived, boolean excludeForks) {
    /** The defaults of the CLI. */
    public static final RepoSelection DEFAULT = new RepoSelection(false, false);

    public boolean accepts(HostedRepo repo) {
        if ((repo.archived() || repo.disabled()) && !includeArchived) {
            return false;
        }
        return !(repo.fork() && excludeForks);
    }
}
