package dev.converge.core.model;

/** One thing a sync keeps converged: a file, a repository, a (remote, branch) pair, a work item. */
public interface Item {
    /** Stable identity within its sync: a relative path, a full repository path, "remote/branch". */
    String id();

    /** Bytes this item moves when applied, or 0 where size has no meaning. */
    default long size() {
        return 0;
    }
}
