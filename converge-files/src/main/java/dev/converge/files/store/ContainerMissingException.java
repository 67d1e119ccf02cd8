package dev.converge.files.store;

import dev.converge.core.UsageException;

/** The container, bucket or directory named by {@code --to} does not exist (and {@code --create} was not given). */
public class ContainerMissingException extends UsageException {
    private static final long serialVersionUID = 1L;

    public ContainerMissingException(String message) {
        super(message);
    }
}
