package dev.converge.cli.remotes;

import dev.converge.cli.Invocation;
import dev.converge.core.ConfigException;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.ConfigLoader;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Settings;
import dev.converge.remotes.GitCredentials;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.config.RemotesConfigReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Which repository a remotes command works on, and its remotes configuration. */
public final class RepositoryOptions {
    @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "The repository (default: the one the working directory is in).")
    String repo;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Bound on each remote's answer (default 30).")
    Integer timeoutSeconds;

    /** Opens the repository the working directory (or --repo) is inside. */
    public Repository open(Invocation inv) throws ConvergeException {
        Path start = repo == null ? inv.context().workingDirectory() : inv.context().resolve(repo);
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        // Git's own variable, read from the invocation's environment so that tests and embedders can set it.
        String ceilings = inv.context().environment().get("GIT_CEILING_DIRECTORIES");
        if (ceilings != null) {
            for (String dir : ceilings.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    builder.addCeilingDirectory(new java.io.File(dir));
                }
            }
        }
        builder.findGitDir(start.toFile());
        if (builder.getGitDir() == null) {
            throw new UsageException("not inside a Git repository: " + start + " (run it in one, or pass --repo DIR)");
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UsageException("cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The remotes config: the user's config file first, then {@code .converge.yaml} at the
     * repository root, the later winning key by key; then CONVERGE_PARALLEL and the like.
     */
    public RemotesConfig config(Invocation inv, Repository repository) throws ConvergeException {
        return RemotesConfigReader.read(settings(inv, repository));
    }

    /** The repository's own config file, which a team commits beside its code. */
    static Path repositoryConfig(Repository repository) {
        Path root = repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
        return root.resolve(".converge.yaml");
    }

    /**
     * The invocation's settings with the repository's {@code .converge.yaml} laid over the user's
     * config, key by key; each value keeps the file and line it came from.
     */
    static Settings settings(Invocation inv, Repository repository) throws ConfigException {
        Path file = repositoryConfig(repository);
        if (!Files.isRegularFile(file)) {
            return inv.settings();
        }
        ConfigNode own = ConfigLoader.load(file);
        own.requireKeys(Invocation.SECTIONS);
        own.registerSecrets(inv.context().env());
        return new Settings(ConfigNode.overlay(inv.config(), own), inv.context().env());
    }

    /** Credentials as {@code git push} would find them: the user's Git credential helpers. */
    public GitCredentials credentials(Repository repository) {
        return new GitCredentials(repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath());
    }

    public Duration timeout() throws UsageException {
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second");
        }
        return Duration.ofSeconds(timeoutSeconds == null ? 30 : timeoutSeconds);
    }
}
