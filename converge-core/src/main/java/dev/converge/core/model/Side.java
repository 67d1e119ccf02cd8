package dev.converge.core.model;

/** Which side of a sync a change happened on. */
public enum Side {
    NONE, LEFT, RIGHT, BOTH
}
