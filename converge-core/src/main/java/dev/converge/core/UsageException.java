package dev.converge.core;

/** A bad flag, argument, pattern or target: reported in one line, exit 2, nothing written. */
public class UsageException extends ConvergeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, ExitCode.USAGE);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause, ExitCode.USAGE);
    }
}
