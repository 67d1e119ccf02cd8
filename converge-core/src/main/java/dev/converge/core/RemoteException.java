package dev.converge.core;

/**
 * A fault answered by a server or store about one item or target: carries the HTTP-like status
 * (0 where there is none) and whether trying again may help (timeouts, 429, 5xx, resets).
 */
public class RemoteException extends ConvergeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean transientFault;

    public RemoteException(String message, int status, boolean transientFault, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFault = transientFault;
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
