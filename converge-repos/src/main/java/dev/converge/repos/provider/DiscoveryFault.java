package dev.converge.repos.provider;

import dev.converge.core.ConvergeException;

import java.util.Objects;

/**
 * Carries a fault met while a discovery stream fetched a later page out of the stream, which
 * cannot throw checked exceptions. Callers unwrap it with {@link #fault()}.
 */
public final class DiscoveryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiscoveryFault(ConvergeException fault) {
        super(fault.getMessage(), Objects.requireNonNull(fault, "fault"));
    }

    /** The fault as the provider raised it. */
    public ConvergeException fault() {
        return (ConvergeException) getCause();
    }
}
