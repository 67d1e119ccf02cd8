package dev.converge.core;

/**
 * The one checked exception family for faults. Outcomes of items are values ({@code Outcome}),
 * not exceptions; an exception means the run itself, or one item's operation, could not proceed.
 */
public class ConvergeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public ConvergeException(String message) {
        this(message, null, ExitCode.ITEM_FAILED);
    }

    public ConvergeException(String message, Throwable cause) {
        this(message, cause, ExitCode.ITEM_FAILED);
    }

    protected ConvergeException(String message, Throwable cause, ExitCode exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code a command should end with when this fault ends the run. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
