package dev.converge.repos.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.core.model.Fingerprint;
import dev.converge.repos.pattern.RepoPattern;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * GitHub and GitHub Enterprise Server ({@code url: https://ghe.example.com/api/v3}). A pattern
 * whose first segment is literal lists that organisation's repositories, falling back to the
 * user's of that name; a pattern with a wildcard owner lists what the token's user can see.
 * Pages follow the {@code Link} header; rate limits are waited out by {@link ProviderHttp}.
 */
public final class GitHubProvider extends RestProvider {
    /** The public API; a GitHub Enterprise Server has its own under {@code /api/v3}. */
    public static final URI DEFAULT_URL = URI.create("https://api.github.com");
    private static final int PER_PAGE = 100;

    private String login;

    private GitHubProvider(Builder b) {
        super(b, "github", RestProviderBuilder.withoutTrailingSlash(b.apiUrl), "application/vnd.github+json", headers(b.token));
    }

    private static Map<String, String> headers(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        if (token != null && !token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    /** Starts a provider with the given config name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public Stream<HostedRepo> discover(RepoPattern pattern) throws ConvergeException {
        List<String> prefix = pattern.literalPrefix();
        Page first;
        if (!prefix.isEmpty()) {
            String owner = ProviderHttp.encode(prefix.get(0));
            Optional<Page> org = tryPage("/orgs/" + owner + "/repos?type=all");
            if (org.isPresent()) {
                first = org.get();
            } else {
                // /users/{name}/repos shows only public repositories, even to their owner: the token's
                // own account is listed through /user/repos, which includes its private ones.
                String userListing = owner.equalsIgnoreCase(authenticatedLogin())
                        ? "/user/repos?affiliation=owner" : "/users/" + owner + "/repos?type=all";
                first = tryPage(userListing).orElseThrow(() -> new RemoteException(label()
                        + ": no organisation or user '" + owner + "' (404 Not Found)", 404, false, null));
            }
        } else if (token != null) {
            String listing = "/user/repos?affiliation=owner,collaborator,organization_member";
            first = tryPage(listing).orElseThrow(() -> new RemoteException(label()
                    + ": GET /user/repos: 404 Not Found", 404, false, null));
        } else {
            throw new UsageException(label() + ": pattern '" + pattern
                    + "' names no owner; start it with one (myorg/*) or configure a token to list your own repositories");
        }
        return PagedListing.stream(first, this::page).filter(repo -> pattern.matches(repo.fullPath()));
    }

    @Override
    public Optional<CredentialsProvider> credentials() {
        // GitHub takes the token as the password with any user name; this one is what its docs use for app tokens.
        return token == null ? Optional.empty()
                : Optional.of(new UsernamePasswordCredentialsProvider("x-access-token", token));
    }

    /** The login the token belongs to, or "" without a token; asked once per provider, only when needed. */
    private synchronized String authenticatedLogin() throws ConvergeException {
        if (login == null) {
            login = "";
            if (token != null) {
                URI uri = URI.create(apiUrl + "/user");
                HttpResponse<String> response = http.get(uri);
                if (response.statusCode() == 404) {
                    throw http.fault(uri, response);
                }
                login = http.json(uri, response).path("login").asText("");
            }
        }
        return login;
    }

    /** The first page of a listing, or empty when the server says 404. */
    private Optional<Page> tryPage(String listing) throws ConvergeException {
        URI uri = URI.create(apiUrl + listing + (listing.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
        HttpResponse<String> response = http.get(uri);
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(parse(uri, response));
    }

    @Override
    Page parse(URI uri, HttpResponse<String> response) throws ConvergeException {
        return page(uri, response, http.json(uri, response), "a list of repositories", LinkHeader.next(response));
    }

    @Override
    HostedRepo toRepo(JsonNode repo) {
        String pushed = ProviderHttp.text(repo, "pushed_at");
        Instant pushedAt = pushed == null ? null : Instant.parse(pushed);
        String url = ssh ? ProviderHttp.text(repo, "ssh_url") : ProviderHttp.text(repo, "clone_url");
        return new HostedRepo(ProviderHttp.text(repo, "full_name"), ssh ? RestProviderBuilder.sshUri(url) : URI.create(url),
                ProviderHttp.text(repo, "default_branch"), repo.path("archived").asBoolean(false), repo.path("fork").asBoolean(false),
                repo.path("disabled").asBoolean(false), pushedAt,
                // pushed_at moves with every push to any branch: a cheap, conservative version mark.
                pushedAt == null ? null : Fingerprint.of("pushed:" + pushedAt));
    }

    /** Settings for a {@link GitHubProvider}; only the name is required. */
    public static final class Builder extends RestProviderBuilder<Builder> {
        private Builder(String name) {
            super(name, DEFAULT_URL);
        }

        public GitHubProvider build() {
            return new GitHubProvider(this);
        }
    }
}
