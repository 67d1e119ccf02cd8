package dev.converge.remotes;

import dev.converge.core.secret.Redactor;
import dev.converge.remotes.config.RemoteSettings;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

import java.util.List;

/**
 * One Git remote converge keeps branches pushed to: its settings and the URL pushes go to.
 *
 * @param settings how converge treats it
 * @param url      the push URL (Git's {@code pushurl} when set, else {@code url})
 * @param fetch    the remote's fetch refspecs, which say where its remote-tracking branches live
 */
public record Mirror(RemoteSettings settings, URIish url, List<RefSpec> fetch) {
    public Mirror {
        fetch = List.copyOf(fetch);
        registerCredentials(url);
    }

    /**
     * A URL may carry a password, or a token as its whole user part ({@code https://TOKEN@host}, which
     * GitHub and GitLab accept). The Redactor's URL shapes catch long tokens only; registering the
     * values themselves keeps a short one out of any message that quotes them without the URL around.
     */
    private static void registerCredentials(URIish url) {
        Redactor.global().register(url.getPass());
        String scheme = url.getScheme();
        if (url.getPass() == null && scheme != null && scheme.toLowerCase(java.util.Locale.ROOT).startsWith("http")) {
            Redactor.global().register(url.getUser());
        }
    }

    public String name() {
        return settings.name();
    }

    /** The URL with any user and password removed, for screens, logs and reports. */
    public String displayUrl() {
        return url.setUser(null).setPass(null).toString();
    }

    /**
     * The remote-tracking ref for a branch ({@code refs/remotes/origin/main}), or {@code null} when the
     * remote's fetch refspecs map none. Its commit is the one "last seen" on the remote: the lease.
     */
    public String trackingRef(String branch) {
        String source = Constants.R_HEADS + branch;
        for (RefSpec spec : fetch) {
            if (spec.getDestination() != null && spec.matchSource(source)) {
                return spec.expandFromSource(source).getDestination();
            }
        }
        return null;
    }
}
