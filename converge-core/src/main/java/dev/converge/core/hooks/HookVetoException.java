package dev.converge.core.hooks;

import dev.converge.core.ConvergeException;

/**
 * The pre_sync hook said no: the run stops before anything is written. Exit 1, as for a failed run:
 * it is not a usage error, and nothing converged.
 */
public class HookVetoException extends ConvergeException {
    private static final long serialVersionUID = 1L;

    public HookVetoException(String message) {
        super(message);
    }
}
