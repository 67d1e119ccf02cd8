package dev.converge.core;

/** The state store cannot be opened or written (corrupt, locked, unwritable). Exit 2: nothing synced. */
public class StateStoreException extends ConvergeException {
    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, Throwable cause) {
        super(message, cause, ExitCode.USAGE);
    }
}
