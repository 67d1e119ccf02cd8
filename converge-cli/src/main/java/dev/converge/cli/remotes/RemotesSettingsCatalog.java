package dev.converge.cli.remotes;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import dev.converge.remotes.Mirror;
import dev.converge.remotes.Mirrors;
import dev.converge.remotes.config.RemoteSettings;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.config.RemotesConfigReader;
import org.eclipse.jgit.lib.Repository;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves every remotes setting, so {@code config show} can list them with their origins: inside
 * a Git repository with the repository's {@code .converge.yaml} over the user's config, and the
 * remotes found in Git config (not listed in any file) with their defaults.
 */
public final class RemotesSettingsCatalog {
    private RemotesSettingsCatalog() {
    }

    /** The remotes settings as resolved where the command runs; later rows win over the invocation's own. */
    public static List<Setting<?>> resolveAll(Invocation inv) throws ConvergeException {
        Repository repo;
        try {
            repo = new RepositoryOptions().open(inv);
        } catch (UsageException notInARepository) {
            // Outside a repository only the user's config applies.
            RemotesConfigReader.read(inv.settings());
            return inv.settings().resolved();
        }
        try (repo) {
            Settings settings = RepositoryOptions.settings(inv, repo);
            List<Setting<?>> rows = new ArrayList<>();
            var file = RepositoryOptions.repositoryConfig(repo);
            rows.add(new Setting<>("remotes.config", Files.isRegularFile(file) ? file.toString() : "(none)",
                    Files.isRegularFile(file) ? "found" : "default", false));
            RemotesConfig config = RemotesConfigReader.read(settings);
            rows.addAll(settings.resolved());
            for (Mirror m : Mirrors.of(repo, config)) {
                RemoteSettings r = m.settings();
                if (!r.configured()) {
                    String origin = "discovered in " + repo.getDirectory().toPath().resolve("config");
                    rows.add(new Setting<>("remotes." + r.name() + ".priority", r.priority(), origin, false));
                    rows.add(new Setting<>("remotes." + r.name() + ".branches", "*", origin, false));
                    rows.add(new Setting<>("remotes." + r.name() + ".force_push", r.forcePush().label(), origin, false));
                }
            }
            return rows;
        }
    }
}
