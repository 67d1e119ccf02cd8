package dev.converge.remotes;

import dev.converge.core.secret.Redactor;

import dev.converge.core.ConfigException;
import dev.converge.remotes.config.RemoteSettings;
import dev.converge.remotes.config.RemotesConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Works out which remotes of a repository converge mirrors to, from its Git config and the remotes config. */
public final class Mirrors {
    private Mirrors() {
    }

    /**
     * The mirrors, ordered by priority then name: every configured remote, plus (unless
     * {@code discover: false}) every other remote in the repository's Git config, with defaults.
     *
     * @throws ConfigException when a configured remote is not a remote of the repository
     */
    public static List<Mirror> of(Repository repository, RemotesConfig config) throws ConfigException {
        Map<String, RemoteConfig> gitRemotes = new LinkedHashMap<>();
        try {
            for (RemoteConfig rc : RemoteConfig.getAllRemoteConfigs(repository.getConfig())) {
                gitRemotes.put(rc.getName(), rc);
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("a remote URL in " + repository.getDirectory() + "/config is not valid: "
                    + Redactor.global().redact(e.getMessage()));
        }
        List<Mirror> mirrors = new ArrayList<>();
        for (RemoteSettings settings : config.remotes().values()) {
            RemoteConfig rc = gitRemotes.get(settings.name());
            if (rc == null) {
                throw new ConfigException("remote '" + settings.name() + "' is configured for converge but is not a remote of "
                        + repository.getWorkTree() + " (git remote add " + settings.name() + " <url>); remotes: "
                        + String.join(", ", gitRemotes.keySet()));
            }
            mirrors.add(new Mirror(settings, pushUrl(rc), rc.getFetchRefSpecs()));
        }
        if (config.discover()) {
            for (RemoteConfig rc : gitRemotes.values()) {
                if (!config.remotes().containsKey(rc.getName())) {
                    mirrors.add(new Mirror(RemoteSettings.discovered(rc.getName()), pushUrl(rc), rc.getFetchRefSpecs()));
                }
            }
        }
        mirrors.sort(Comparator.comparingInt((Mirror m) -> m.settings().priority()).thenComparing(Mirror::name));
        return mirrors;
    }

    private static URIish pushUrl(RemoteConfig rc) throws ConfigException {
        if (!rc.getPushURIs().isEmpty()) {
            return rc.getPushURIs().get(0);
        }
        if (rc.getURIs().isEmpty()) {
            throw new ConfigException("remote '" + rc.getName() + "' has no url in Git config");
        }
        return rc.getURIs().get(0);
    }
}
