package dev.converge.repos.git;

import dev.converge.core.RemoteException;
import dev.converge.core.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed {@code git} child (its exit code and what it wrote on stderr) into the fault JGit's
 * failure would have been: the same HTTP status and the same verdict on whether trying again may help,
 * so that {@link dev.converge.repos.host.HostThrottle} backs off on 429 and a refused SSH connection,
 * and 401/403/404 are reported once instead of retried. Git's text is redacted before it is kept.
 */
final class GitCliFault {
    /** curl's wording, which git passes on: "The requested URL returned error: 429". */
    private static final Pattern HTTP_STATUS = Pattern.compile("(?i)returned error: (\\d{3})");
    private static final int KEPT_LINES = 3;

    private GitCliFault() {
    }

    /**
     * @param what   the operation, e.g. {@code clone http://host/o/r.git}
     * @param exit   the child's exit code
     * @param stderr everything the child wrote on stderr
     */
    static RemoteException of(String what, int exit, String stderr) {
        String text = Redactor.global().redact(stderr == null ? "" : stderr);
        String lower = text.toLowerCase(Locale.ROOT);
        int status = 0;
        boolean transientFault = true;
        Matcher m = HTTP_STATUS.matcher(text);
        if (m.find()) {
            status = Integer.parseInt(m.group(1));
            transientFault = RemoteException.isTransientStatus(status);
        } else if (lower.contains("authentication failed") || lower.contains("could not read username")
                || lower.contains("could not read password")) {
            status = 401;
            transientFault = false;
        } else if (lower.contains("not found") || lower.contains("does not appear to be a git repository")
                || lower.contains("does not exist")) {
            status = 404;
            transientFault = false;
        }
        if (status == 404 || status == 401 || status == 403) {
            transientFault = false;
        }
        return new RemoteException(what + ": " + summary(text, exit), status, transientFault, null);
    }

    /** The lines that say what went wrong, without progress meters and hints: git's own wording. */
    static String summary(String stderr, int exit) {
        List<String> kept = new ArrayList<>();
        for (String line : stderr.split("[\r\n]+")) {
            String l = line.strip();
            String lower = l.toLowerCase(Locale.ROOT);
            if (l.isEmpty() || lower.startsWith("cloning into") || lower.startsWith("hint:") || lower.startsWith("remote: counting")
                    || lower.startsWith("remote: compressing") || lower.startsWith("remote: total") || lower.startsWith("receiving objects")
                    || lower.startsWith("resolving deltas") || lower.startsWith("updating files") || lower.startsWith("remote: enumerating")
                    // git's boilerplate after an SSH failure, which would push out ssh's own reason
                    || lower.startsWith("please make sure you have the correct access") || lower.equals("and the repository exists.")) {
                continue;
            }
            kept.add(l.replaceFirst("^(?i)fatal: ", ""));
        }
        if (kept.isEmpty()) {
            return "git exited " + exit;
        }
        return String.join("; ", kept.subList(Math.max(0, kept.size() - KEPT_LINES), kept.size()));
    }
}
