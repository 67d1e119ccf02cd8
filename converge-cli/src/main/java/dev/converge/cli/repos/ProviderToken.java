package dev.converge.cli.repos;

import dev.converge.cli.Invocation;
import dev.converge.core.secret.Redactor;
import dev.converge.repos.git.GitCredentialFill;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a provider's token comes from when its config entry names none: the provider's
 * conventional environment variable, else the user's Git credential helpers, asked for the
 * provider's Git host as {@code git clone} would ask ({@code protocol=https}, {@code host=github.com}
 * for {@code api.github.com}). Whatever is found is registered with the redactor and kept in
 * memory only: never printed, never written to a config, a remote URL or the state store.
 *
 * @param token    the secret, or {@code null} when nothing had one
 * @param username the user name the helper gave with it, or {@code null}
 */
record ProviderToken(String token, String username) {
    private static final Map<String, List<String>> ENVIRONMENT = Map.of(
            "github", List.of("GITHUB_TOKEN", "GH_TOKEN"),
            "gitlab", List.of("GITLAB_TOKEN"),
            "azure-devops", List.of("AZURE_DEVOPS_PAT"),
            "bitbucket", List.of("BITBUCKET_TOKEN"));

    static final ProviderToken NONE = new ProviderToken(null, null);

    /**
     * @param configured the token from the config entry, or {@code null}
     * @param type       the provider's type ({@code github}, …)
     * @param apiUrl     the provider's API root, whose host names the Git host to ask about
     */
    static ProviderToken resolve(Invocation inv, String configured, String type, URI apiUrl) {
        if (configured != null && !configured.isBlank()) {
            return new ProviderToken(configured, null);
        }
        for (String name : ENVIRONMENT.getOrDefault(type, List.of())) {
            String value = inv.context().environment().get(name);
            if (value != null && !value.isBlank()) {
                return new ProviderToken(value, null);
            }
        }
        return fromHelper(inv, apiUrl);
    }

    private static ProviderToken fromHelper(Invocation inv, URI apiUrl) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("protocol", apiUrl.getScheme() == null ? "https" : apiUrl.getScheme());
        request.put("host", gitHost(apiUrl));
        Map<String, String> answer = new GitCredentialFill(inv.context().environment(), inv.context().workingDirectory())
                .fill(request);
        String password = answer.get("password");
        if (password == null || password.isBlank()) {
            return NONE;
        }
        Redactor.global().register(password);
        return new ProviderToken(password, answer.get("username"));
    }

    /** The host Git clones from: the API's host without an {@code api.} prefix, with its port. */
    static String gitHost(URI apiUrl) {
        String host = Optional.ofNullable(apiUrl.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.startsWith("api.")) {
            host = host.substring("api.".length());
        }
        return apiUrl.getPort() > 0 ? host + ":" + apiUrl.getPort() : host;
    }
}
