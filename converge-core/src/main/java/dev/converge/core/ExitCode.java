package dev.converge.core;

/** Process exit codes, the same for every command and kind. */
public enum ExitCode {
    /** Everything converged (or the dry run planned without error). */
    CONVERGED(0),
    /** At least one item failed; the others were carried out. */
    ITEM_FAILED(1),
    /** Bad usage or configuration: nothing was written. */
    USAGE(2),
    /** Conflicts were left for the user to resolve. */
    CONFLICTS(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
