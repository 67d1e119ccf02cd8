package dev.converge.repos.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.repos.pattern.RepoPattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Azure DevOps Services or Server ({@code url: https://dev.azure.com}). A repository's full path is
 * {@code org/project/repo}; the organisation must be the pattern's literal first segment. Pages
 * follow the {@code x-ms-continuationtoken} header. The listing tells no push time, so every
 * present clone is fetched: incremental skipping needs a version mark this API does not give.
 */
public final class AzureDevOpsProvider extends RestProvider {
    /** Azure DevOps Services; a Server install has its own collection URL. */
    public static final URI DEFAULT_URL = URI.create("https://dev.azure.com");
    private static final String API_VERSION = "7.1";

    private AzureDevOpsProvider(Builder b) {
        // A PAT is sent as the password of an empty user name.
        super(b, "azure-devops", RestProviderBuilder.withoutTrailingSlash(b.apiUrl), "application/json",
                b.token == null ? Map.of() : Map.of("Authorization", RestProviderBuilder.basic("", b.token)));
    }

    /** Starts a provider with the given config name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public Stream<HostedRepo> discover(RepoPattern pattern) throws ConvergeException {
        List<String> prefix = pattern.literalPrefix();
        if (prefix.isEmpty()) {
            throw new UsageException(label() + ": pattern '" + pattern
                    + "' must start with the organisation (myorg/**)");
        }
        String org = prefix.get(0);
        String scope = prefix.size() > 1 ? "/" + ProviderHttp.encode(prefix.get(1)) : "";
        URI first = URI.create(apiUrl + "/" + ProviderHttp.encode(org) + scope + "/_apis/git/repositories?api-version=" + API_VERSION);
        HttpResponse<String> response = http.get(first);
        if (response.statusCode() == 404) {
            throw new RemoteException(label() + ": no organisation or project '"
                    + String.join("/", prefix.subList(0, Math.min(2, prefix.size()))) + "' (404 Not Found)", 404, false, null);
        }
        return PagedListing.stream(parse(first, response), this::page).filter(repo -> pattern.matches(repo.fullPath()));
    }

    @Override
    public Optional<CredentialsProvider> credentials() {
        return token == null ? Optional.empty() : Optional.of(new UsernamePasswordCredentialsProvider("pat", token));
    }

    @Override
    Page parse(URI uri, HttpResponse<String> response) throws ConvergeException {
        URI next = response.headers().firstValue("x-ms-continuationtoken")
                .map(token -> URI.create(withoutContinuation(uri) + "&continuationToken=" + ProviderHttp.encode(token))).orElse(null);
        return page(uri, response, http.json(uri, response).get("value"), "a list of repositories", next);
    }

    @Override
    HostedRepo toRepo(JsonNode r) {
        String org = organisationOf(r);
        String fullPath = org + "/" + r.path("project").path("name").asText() + "/" + r.path("name").asText();
        String branch = r.hasNonNull("defaultBranch") ? Repository.shortenRefName(r.get("defaultBranch").asText()) : null;
        URI clone = ssh ? RestProviderBuilder.sshUri(r.path("sshUrl").asText()) : withoutUser(URI.create(r.path("remoteUrl").asText()));
        return new HostedRepo(fullPath, clone, branch, false, r.path("isFork").asBoolean(false),
                r.path("isDisabled").asBoolean(false), null, null);
    }

    /** The organisation as the remote URL names it ({@code https://fabrikam@dev.azure.com/fabrikam/...}). */
    private static String organisationOf(JsonNode r) {
        String path = URI.create(r.path("remoteUrl").asText()).getPath();
        String[] segments = path.split("/");
        return segments.length > 1 ? segments[1] : "";
    }

    private static URI withoutUser(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad remote URL " + uri.getHost() + uri.getPath(), e);
        }
    }

    private static String withoutContinuation(URI uri) {
        return uri.toString().replaceAll("&continuationToken=[^&]*", "");
    }

    /** Settings for an {@link AzureDevOpsProvider}: {@code url} is the services or collection root. */
    public static final class Builder extends RestProviderBuilder<Builder> {
        private Builder(String name) {
            super(name, DEFAULT_URL);
        }

        public AzureDevOpsProvider build() {
            return new AzureDevOpsProvider(this);
        }
    }
}
