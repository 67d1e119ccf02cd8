package dev.converge.cli.repos;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.ConfigNode;
import dev.converge.repos.RepoSelection;
import dev.converge.repos.host.HostLimits;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.AzureDevOpsProvider;
import dev.converge.repos.provider.BitbucketProvider;
import dev.converge.repos.provider.GitHubProvider;
import dev.converge.repos.provider.GitLabProvider;
import dev.converge.repos.provider.LocalProvider;
import dev.converge.repos.provider.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * Which provider and workspace a repos command works on. A provider comes from {@code --provider},
 * else from the pattern's prefix ({@code work:myorg/*}), else from the config when it declares just
 * one; {@code --provider local --root DIR} needs no config at all.
 */
public final class ProviderOptions {
    @Option(names = "--provider", paramLabel = "NAME", description = "A provider declared under 'providers:' in the config, or 'local' with --root.")
    String provider;

    @Option(names = "--root", paramLabel = "DIR", description = "With --provider local: the directory whose repositories are listed.")
    String root;

    @Option(names = "--into", paramLabel = "DIR", description = "Where clones live: DIR/<full path> (default: repos.into, else the current directory).")
    String into;

    @Option(names = "--host-concurrency", paramLabel = "N",
            description = "Operations one host gets at once before it pushes back (default: repos.host_concurrency, else the concurrency).")
    Integer hostConcurrency;

    @Option(names = "--include-archived", description = "Also take archived and disabled repositories.")
    boolean includeArchived;

    @Option(names = "--exclude-forks", description = "Leave forks out.")
    boolean excludeForks;

    RepoSelection selection() {
        return new RepoSelection(includeArchived, excludeForks);
    }

    /** The workspace directory, resolved against the working directory. */
    Path into(Invocation inv) throws ConvergeException {
        String value = inv.settings().string("repos.into", "--into", into, ".", false).value();
        Path dir = inv.context().resolve(value).toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            // Checked before the state store opens, so a typo writes nothing at all.
            throw new UsageException("--into " + dir + " is a file, not a directory");
        }
        return dir;
    }

    /**
     * The per-host limits of a run: {@code --host-concurrency}, else {@code repos.host_concurrency},
     * else the run's own concurrency, so one host alone may use every worker until it pushes back.
     */
    HostLimits hostLimits(Invocation inv, int concurrency) throws ConvergeException {
        return new HostLimits(inv.settings().integer("repos.host_concurrency", "--host-concurrency", hostConcurrency,
                concurrency, 1).value());
    }

    /** Opens the provider the flags, the pattern and the config name, its API calls within {@code limits}. */
    Provider open(Invocation inv, RepoPattern pattern, HostLimits limits) throws ConvergeException {
        String name = provider != null ? provider : pattern.provider().orElse(null);
        if (provider != null && pattern.provider().isPresent() && !provider.equals(pattern.provider().get())) {
            throw new UsageException("--provider " + provider + " and pattern '" + pattern + "' name different providers");
        }
        ConfigNode providers = inv.config().get("providers");
        Map<String, ConfigNode> declared = providers == null || !providers.isMap() ? Map.of() : providers.fields();
        if (name == null) {
            if (declared.size() == 1) {
                name = declared.keySet().iterator().next();
            } else if (root != null) {
                name = "local";
            } else {
                throw new UsageException(declared.isEmpty()
                        ? "no provider: give --provider local --root DIR, or declare one under 'providers:' in the config"
                        : "several providers are configured (" + String.join(", ", new TreeSet<>(declared.keySet()))
                        + "); pick one with --provider NAME or a NAME: prefix on the pattern");
            }
        }
        ConfigNode node = declared.get(name);
        if (node == null) {
            if (name.equals("local") && root != null) {
                return new LocalProvider("local", inv.context().resolve(root));
            }
            throw new UsageException("unknown provider '" + name + "'"
                    + (declared.isEmpty() ? "; none is configured (--provider local --root DIR works without config)"
                    : "; configured: " + String.join(", ", new TreeSet<>(declared.keySet()))));
        }
        return fromConfig(inv, name, node, limits);
    }

    private Provider fromConfig(Invocation inv, String name, ConfigNode node, HostLimits limits) throws ConvergeException {
        if (!node.isMap()) {
            throw node.error("a provider is a mapping with a 'type'");
        }
        node.requireKeys(ReposSettings.PROVIDER_KEYS);
        String type = text(inv, node, "type");
        if (type == null) {
            throw node.error("provider '" + name + "' has no 'type' (local, github, gitlab, azure-devops, bitbucket)");
        }
        return switch (type) {
            case "local" -> {
                String dir = root != null ? root : text(inv, node, "root");
                if (dir == null) {
                    throw node.error("local provider '" + name + "' needs 'root'");
                }
                yield new LocalProvider(name, inv.context().resolve(dir));
            }
            case "github", "gitlab", "bitbucket", "azure-devops" -> rest(inv, name, node, type, limits);
            default -> throw node.get("type").error("unknown provider type '" + type
                    + "'; choose local, github, gitlab, azure-devops or bitbucket");
        };
    }

    /** A provider listed through a REST API: its URL, its token (config, environment or credential helper), SSH or HTTPS. */
    private static Provider rest(Invocation inv, String name, ConfigNode node, String type, HostLimits limits)
            throws ConvergeException {
        URI api = apiUrl(inv, node, switch (type) {
            case "github" -> GitHubProvider.DEFAULT_URL;
            case "gitlab" -> GitLabProvider.DEFAULT_URL;
            case "bitbucket" -> BitbucketProvider.DEFAULT_URL;
            default -> AzureDevOpsProvider.DEFAULT_URL;
        });
        ProviderToken token = ProviderToken.resolve(inv, text(inv, node, "token"), type, api);
        boolean ssh = "true".equalsIgnoreCase(text(inv, node, "ssh"));
        return switch (type) {
            case "github" -> GitHubProvider.named(name).url(api).token(token.token()).ssh(ssh).hostLimits(limits).build();
            case "gitlab" -> GitLabProvider.named(name).url(api).token(token.token()).ssh(ssh).hostLimits(limits).build();
            case "bitbucket" -> {
                String username = text(inv, node, "username");
                yield BitbucketProvider.named(name).url(api).username(username != null ? username : token.username())
                        .token(token.token()).ssh(ssh).hostLimits(limits).build();
            }
            default -> AzureDevOpsProvider.named(name).url(api).token(token.token()).ssh(ssh).hostLimits(limits).build();
        };
    }

    private static URI apiUrl(Invocation inv, ConfigNode node, URI defaultUrl) throws ConvergeException {
        String url = text(inv, node, "url");
        if (url == null) {
            return defaultUrl;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw node.get("url").error("'" + url + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw node.get("url").error("'" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static String text(Invocation inv, ConfigNode node, String key) throws ConvergeException {
        ConfigNode value = node.get(key);
        return value == null ? null : value.text(inv.context().env());
    }
}
