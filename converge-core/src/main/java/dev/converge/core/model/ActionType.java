package dev.converge.core.model;

import java.util.Locale;

/** The verbs a plan is made of. Each kind uses the ones it knows how to apply. */
public enum ActionType {
    UPLOAD, DELETE, CLONE, PULL, MERGE, PUSH, CREATE, UPDATE, SKIP;

    /** Lower-case name, as it appears in reports and the audit trail. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether applying this action writes anything. */
    public boolean writes() {
        return this != SKIP;
    }
}
