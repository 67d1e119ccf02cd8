package dev.converge.core.retry;

import dev.converge.core.RemoteException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Tells a transient fault (worth another try) from a permanent one (403, not found, bad input). */
public final class Faults {
    private Faults() {
    }

    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteException r) {
                return r.isTransient();
            }
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException
                    || c instanceof TimeoutException || c instanceof ConnectException) {
                return true;
            }
            if (c instanceof IOException && c.getMessage() != null) {
                String m = c.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("connection reset") || m.contains("broken pipe") || m.contains("premature eof")
                        || m.contains("timed out")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The most useful one-line description of a fault: its own message, else its cause's. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }
}
