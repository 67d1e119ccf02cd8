package dev.converge.files.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobStorageException;
import dev.converge.core.RemoteException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the Azure SDK throws into {@link RemoteException}s the engine can act on: the status,
 * and whether trying again may help. The SDK's own messages are left out of ours on purpose: they
 * quote the request that was signed, and a message is something users paste into tickets.
 */
final class Faults {
    private Faults() {
    }

    /**
     * @param what what was being done, naming the key and container ("upload of 'a.txt' to container 'c'")
     */
    static RemoteException map(RuntimeException e, String what) {
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String code = e instanceof BlobStorageException blob && blob.getErrorCode() != null
                    ? " [" + blob.getErrorCode() + "]" : "";
            return new RemoteException(what + " failed: " + RemoteException.describeStatus(status) + code,
                    status, RemoteException.isTransientStatus(status), e);
        }
        Throwable io = networkCause(e);
        if (io != null) {
            String detail = io.getMessage() == null ? "" : ": " + io.getMessage();
            return new RemoteException(what + " failed: " + io.getClass().getSimpleName() + detail, 0, true, e);
        }
        return new RemoteException(what + " failed: " + e.getClass().getSimpleName(), 0, false, e);
    }

    /** Status of an SDK fault, or 0 when the server did not answer. */
    static int status(RuntimeException e) {
        return e instanceof HttpResponseException http && http.getResponse() != null
                ? http.getResponse().getStatusCode() : 0;
    }

    /**
     * The I/O fault or timeout somewhere in the cause chain: the SDK wraps them in
     * UncheckedIOException, reactive wrappers or plain RuntimeExceptions depending on the path.
     */
    private static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return t;
            }
        }
        return null;
    }
}
