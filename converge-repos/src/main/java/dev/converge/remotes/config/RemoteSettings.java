package dev.converge.remotes.config;

import java.util.List;

/**
 * How converge treats one Git remote.
 *
 * @param name       the remote's name in the repository's Git config
 * @param priority   lower pushes first with {@code --sequential}; discovered remotes come after configured ones
 * @param branches   which local branches this remote mirrors, as globs
 * @param forcePush  what to do when a push would not be a fast-forward
 * @param vpn        the VPN this remote sits behind, or {@code null}
 * @param configured whether the remote was listed in a config file (else discovered from Git config)
 */
public record RemoteSettings(String name, int priority, List<BranchGlob> branches, ForcePush forcePush, String vpn,
                             boolean configured) {
    /** Priority given to remotes that were discovered rather than configured. */
    public static final int DISCOVERED_PRIORITY = 1000;

    public RemoteSettings {
        branches = List.copyOf(branches);
    }

    /** The defaults for a remote found in Git config but not listed: all branches, force pushes blocked. */
    public static RemoteSettings discovered(String name) {
        return new RemoteSettings(name, DISCOVERED_PRIORITY, List.of(BranchGlob.ALL), ForcePush.BLOCK, null, false);
    }

    /** Whether this remote mirrors the given local branch (short name, "main", "release/1.0"). */
    public boolean mirrors(String branch) {
        return branches.stream().anyMatch(g -> g.matches(branch));
    }
}
