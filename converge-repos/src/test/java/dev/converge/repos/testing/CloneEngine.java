package dev.converge.repos.testing;

import dev.converge.repos.git.GitBinary;

/**
 * Who makes a clone, for tests that run once per engine: JGit in-process, or the {@code git} binary
 * on PATH (this machine's, which must be 2.31 or newer) in the test's isolated environment.
 */
public enum CloneEngine {
    JGIT,
    GIT;

    /** The binary to hand to {@code CloneRepo.gitBinary}; {@code null} for JGit. */
    public GitBinary binary(IsolatedGit git) {
        if (this == JGIT) {
            return null;
        }
        GitBinary.Probe probe = GitBinary.probe("git", git.environment());
        return probe.binary().orElseThrow(() -> new AssertionError("the git tests need git 2.31+: " + probe.problem()));
    }
}
