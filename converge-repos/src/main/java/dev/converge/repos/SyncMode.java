package dev.converge.repos;

/** Which half of a sync a command asks for. */
public enum SyncMode {
    /** Clone what is missing and update what is present ({@code converge repos sync}). */
    SYNC,
    /** Clone what is missing only ({@code converge repos clone}). */
    CLONE,
    /** Update what is present only ({@code converge repos pull}). */
    PULL;

    boolean clones() {
        return this != PULL;
    }

    boolean updates() {
        return this != CLONE;
    }
}
