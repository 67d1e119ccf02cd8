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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * GitLab (gitlab.com or self-managed, {@code url: https://gitlab.example.com}). A pattern whose
 * leading segments are literal lists that group with its subgroups (falling back to the user of
 * that name); a wildcard first segment lists the projects the token is a member of, with keyset
 * pagination. Either way the next page is the {@code Link} header's {@code rel="next"}.
 */
public final class GitLabProvider extends RestProvider {
    /** gitlab.com; a self-managed instance has its own host. */
    public static final URI DEFAULT_URL = URI.create("https://gitlab.com");
    private static final int PER_PAGE = 100;

    private GitLabProvider(Builder b) {
        super(b, "gitlab", URI.create(RestProviderBuilder.withoutTrailingSlash(b.apiUrl) + "/api/v4"), "application/json",
                b.token == null ? Map.of() : Map.of("PRIVATE-TOKEN", b.token));
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
            // The group is every literal segment but a possibly literal project name at the end.
            List<String> groupPath = prefix.size() == pattern.glob().split("/").length && prefix.size() > 1
                    ? prefix.subList(0, prefix.size() - 1) : prefix;
            String group = ProviderHttp.encode(String.join("/", groupPath));
            first = firstPage(String.join("/", groupPath),
                    "/groups/" + group + "/projects?include_subgroups=true&order_by=id&sort=asc",
                    "/users/" + ProviderHttp.encode(groupPath.get(0)) + "/projects?order_by=id&sort=asc");
        } else if (token != null) {
            first = firstPage(null, "/projects?membership=true&pagination=keyset&order_by=id&sort=asc");
        } else {
            throw new UsageException(label() + ": pattern '" + pattern
                    + "' names no group; start it with one (mygroup/**) or configure a token to list your own projects");
        }
        return PagedListing.stream(first, this::page).filter(repo -> pattern.matches(repo.fullPath()));
    }

    @Override
    public Optional<CredentialsProvider> credentials() {
        // GitLab takes a personal, project or group access token as the password for user "oauth2".
        return token == null ? Optional.empty() : Optional.of(new UsernamePasswordCredentialsProvider("oauth2", token));
    }

    private Page firstPage(String owner, String... listings) throws ConvergeException {
        HttpResponse<String> response = null;
        URI uri = null;
        for (String listing : listings) {
            uri = URI.create(apiUrl + listing + "&per_page=" + PER_PAGE);
            response = http.get(uri);
            if (response.statusCode() != 404) {
                return parse(uri, response);
            }
        }
        if (owner != null) {
            throw new RemoteException(label() + ": no group or user '" + owner + "' (404 Not Found)",
                    404, false, null);
        }
        throw http.fault(uri, response);
    }

    @Override
    Page parse(URI uri, HttpResponse<String> response) throws ConvergeException {
        return page(uri, response, http.json(uri, response), "a list of projects", LinkHeader.next(response));
    }

    @Override
    HostedRepo toRepo(JsonNode p) {
        String activity = ProviderHttp.text(p, "last_activity_at");
        Instant lastActivity = activity == null ? null : Instant.parse(activity);
        String url = ssh ? ProviderHttp.text(p, "ssh_url_to_repo") : ProviderHttp.text(p, "http_url_to_repo");
        boolean empty = p.path("empty_repo").asBoolean(false);
        return new HostedRepo(ProviderHttp.text(p, "path_with_namespace"), ssh ? RestProviderBuilder.sshUri(url) : URI.create(url),
                empty ? null : ProviderHttp.text(p, "default_branch"), p.path("archived").asBoolean(false),
                p.hasNonNull("forked_from_project"), false, lastActivity,
                // last_activity_at moves with pushes (and, coarsely, other activity): conservative, never stale.
                lastActivity == null ? null : Fingerprint.of("activity:" + lastActivity));
    }

    /** Settings for a {@link GitLabProvider}: {@code url} is the instance root, not its /api/v4. */
    public static final class Builder extends RestProviderBuilder<Builder> {
        private Builder(String name) {
            super(name, DEFAULT_URL);
        }

        public GitLabProvider build() {
            return new GitLabProvider(this);
        }
    }
}
