package dev.converge.files.azure;

import dev.converge.core.RemoteException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Turns a lean-path answer or a broken exchange into converge's {@link RemoteException}, in the
 * same words {@link Faults} uses for the SDK's: the status, Azure's error code, and whether trying
 * again may help (429, 500, 503 ServerBusy, timeouts, resets); never a credential.
 */
final class AzureErrors {
    private AzureErrors() {
    }

    /**
     * @param what what was being done, naming the blob or container ("upload of 'a.txt' to azure://c")
     * @param code Azure's error code ("ContainerNotFound", "AuthenticationFailed"), or null
     */
    static RemoteException remote(String what, int status, String code) {
        String named = code == null || code.isBlank() ? "" : " [" + code + "]";
        return new RemoteException(what + " failed: " + RemoteException.describeStatus(status) + named,
                status, RemoteException.isTransientStatus(status), null);
    }

    /** No answer: timeouts and broken connections may pass (transient); an interrupted request was cancelled. */
    static RemoteException remote(String what, IOException e) {
        boolean cancelled = e instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
        String message = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
        return new RemoteException(what + " failed: " + e.getClass().getSimpleName() + message, 0, !cancelled, e);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
