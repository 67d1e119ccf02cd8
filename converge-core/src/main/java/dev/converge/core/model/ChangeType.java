package dev.converge.core.model;

/** The kind of difference the three-way compare found for one item. */
public enum ChangeType {
    UNCHANGED, ADDED, MODIFIED, DELETED, CONFLICT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
