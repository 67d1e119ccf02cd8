package dev.converge.remotes;

import dev.converge.core.RemoteException;

/**
 * A {@link Fault} as the engine's {@link RemoteException}, so that the core retrier tells transient
 * faults (unreachable, timeout, 5xx, VPN) from permanent ones (auth, not found) as remotes sorts them.
 */
class FaultException extends RemoteException {
    private static final long serialVersionUID = 1L;
    private final transient Fault fault;

    FaultException(Fault fault, Throwable cause) {
        super(fault.message(), 0, fault.isTransient(), cause);
        this.fault = fault;
    }

    static FaultException of(Throwable failure) {
        return failure instanceof FaultException f ? f : new FaultException(Fault.of(failure), failure);
    }

    Fault fault() {
        return fault;
    }

    /** The fault behind whatever the retrier ended with. */
    static Fault faultOf(Throwable failure) {
        return failure instanceof FaultException f ? f.fault() : Fault.of(failure);
    }
}
