package dev.converge.remotes;

import dev.converge.core.retry.Faults;
import dev.converge.core.secret.Redactor;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why talking to a remote failed, sorted into what a user can act on. Transient faults
 * (unreachable, timed out, a 5xx answer) are retried and, failing that, queued for later.
 *
 * @param kind    the sort of fault
 * @param message what happened, already free of credentials
 */
public record Fault(Kind kind, String message) {
    private static final Pattern HTTP_STATUS = Pattern.compile("\\b([45]\\d\\d)\\b");

    /** The sorts of fault converge tells apart. */
    public enum Kind {
        UNREACHABLE(true), TIMEOUT(true), SERVER_ERROR(true), AUTH(false), NOT_FOUND(false), VPN(true), OTHER(false);

        private final boolean transientFault;

        Kind(boolean transientFault) {
            this.transientFault = transientFault;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Whether trying again later may succeed: these go to the offline queue. */
    public boolean isTransient() {
        return kind.transientFault;
    }

    /** Sorts a JGit transport failure by its cause chain and the status its message carries. */
    public static Fault of(Throwable failure) {
        String message = Redactor.global().redact(Faults.describe(failure));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new Fault(Kind.UNREACHABLE, "host does not resolve: " + Redactor.global().redact(t.getMessage()));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Fault(Kind.UNREACHABLE, message);
            }
            if (t instanceof SocketTimeoutException) {
                return new Fault(Kind.TIMEOUT, message);
            }
            if (t instanceof org.eclipse.jgit.errors.NoRemoteRepositoryException) {
                return new Fault(Kind.NOT_FOUND, message);
            }
        }
        String lower = message.toLowerCase(Locale.ROOT);
        // Statuses are found as whole three-digit words, so that a port such as 40123 is not read as 401.
        Matcher status = HTTP_STATUS.matcher(message);
        while (status.find()) {
            int code = Integer.parseInt(status.group(1));
            if (code == 401 || code == 403) {
                return new Fault(Kind.AUTH, message);
            }
            if (code >= 500) {
                return new Fault(Kind.SERVER_ERROR, message);
            }
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("not permitted")) {
            return new Fault(Kind.AUTH, message);
        }
        if (lower.contains("connection refused") || lower.contains("connection reset")) {
            return new Fault(Kind.UNREACHABLE, message);
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return new Fault(Kind.TIMEOUT, message);
        }
        return new Fault(Kind.OTHER, message);
    }
}
