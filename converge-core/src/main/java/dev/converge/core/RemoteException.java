package dev.converge.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A fault answered by a server or store about one item or target: carries the HTTP-like status
 * (0 where there is none) and whether trying again may help (timeouts, 429, 5xx, resets).
 */
public class RemoteException extends ConvergeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean transientFault;
    private final Duration retryAfter;

    public RemoteException(String message, int status, boolean transientFault, Throwable cause) {
        this(message, status, transientFault, null, cause);
    }

    /**
     * @param retryAfter how long the server asked us to wait (its Retry-After header), or null;
     *                   the engine waits that long instead of its own backoff
     */
    public RemoteException(String message, int status, boolean transientFault, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFault = transientFault;
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for, if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public int status() {
        return status;
    }

    /** True when the same request may succeed if tried again later. */
    public boolean isTransient() {
        return transientFault;
    }

    /** The conventional name of a status, for messages users read ("403 Forbidden"). */
    public static String describeStatus(int status) {
        return switch (status) {
            case 400 -> "400 Bad Request";
            case 401 -> "401 Unauthorized (bad or missing credentials)";
            case 403 -> "403 Forbidden (credentials lack permission)";
            case 404 -> "404 Not Found";
            case 409 -> "409 Conflict";
            case 412 -> "412 Precondition Failed";
            case 429 -> "429 Too Many Requests";
            case 500 -> "500 Internal Server Error";
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Unavailable";
            case 504 -> "504 Gateway Timeout";
            default -> status == 0 ? "no response" : String.valueOf(status);
        };
    }

    /** Whether a status means a fault that may pass: throttling or a server-side error. */
    public static boolean isTransientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
