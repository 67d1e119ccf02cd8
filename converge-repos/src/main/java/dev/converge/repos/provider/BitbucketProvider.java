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
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Bitbucket Cloud ({@code url: https://api.bitbucket.org/2.0}): a literal first segment lists that
 * workspace, a wildcard lists the repositories the user is a member of. Pages follow the body's
 * {@code next} link. The user name and app password (or API token) go as Basic auth to the API and
 * to Git alike.
 */
public final class BitbucketProvider extends RestProvider {
    /** Bitbucket Cloud's API root. */
    public static final URI DEFAULT_URL = URI.create("https://api.bitbucket.org/2.0");
    private static final int PAGE_LENGTH = 100;

    private final String username;

    private BitbucketProvider(Builder b) {
        super(b, "bitbucket", RestProviderBuilder.withoutTrailingSlash(b.apiUrl), "application/json", b.token == null ? Map.of()
                : Map.of("Authorization", RestProviderBuilder.basic(b.username == null ? "x-token-auth" : b.username, b.token)));
        this.username = b.username;
    }

    /** Starts a provider with the given config name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public Stream<HostedRepo> discover(RepoPattern pattern) throws ConvergeException {
        List<String> prefix = pattern.literalPrefix();
        URI first;
        if (!prefix.isEmpty()) {
            first = URI.create(apiUrl + "/repositories/" + ProviderHttp.encode(prefix.get(0))
                    + "?pagelen=" + PAGE_LENGTH);
        } else if (token != null) {
            first = URI.create(apiUrl + "/repositories?role=member&pagelen=" + PAGE_LENGTH);
        } else {
            throw new UsageException(label() + ": pattern '" + pattern
                    + "' names no workspace; start it with one (myteam/*) or configure credentials");
        }
        HttpResponse<String> response = http.get(first);
        if (response.statusCode() == 404) {
            throw new RemoteException(label() + ": no workspace '" + prefix.get(0)
                    + "' (404 Not Found)", 404, false, null);
        }
        return PagedListing.stream(parse(first, response), this::page).filter(repo -> pattern.matches(repo.fullPath()));
    }

    @Override
    public Optional<CredentialsProvider> credentials() {
        return token == null ? Optional.empty()
                : Optional.of(new UsernamePasswordCredentialsProvider(username == null ? "x-token-auth" : username, token));
    }

    @Override
    Page parse(URI uri, HttpResponse<String> response) throws ConvergeException {
        JsonNode body = http.json(uri, response);
        String next = ProviderHttp.text(body, "next");
        return page(uri, response, body.get("values"), "a page of repositories", next == null ? null : URI.create(next));
    }

    @Override
    HostedRepo toRepo(JsonNode r) {
        String updated = ProviderHttp.text(r, "updated_on");
        Instant updatedOn = updated == null ? null : OffsetDateTime.parse(updated).toInstant();
        String branch = ProviderHttp.text(r.path("mainbranch"), "name");
        return new HostedRepo(r.get("full_name").asText(), cloneUrl(r), branch, false, r.hasNonNull("parent"), false,
                updatedOn, updatedOn == null ? null : Fingerprint.of("updated:" + updatedOn));
    }

    /** The https or ssh clone link, with the user name Bitbucket puts in the https one removed. */
    private URI cloneUrl(JsonNode r) {
        String wanted = ssh ? "ssh" : "https";
        for (JsonNode link : r.path("links").path("clone")) {
            if (wanted.equals(link.path("name").asText())) {
                String href = link.path("href").asText();
                if (ssh) {
                    return RestProviderBuilder.sshUri(href);
                }
                URI uri = URI.create(href);
                try {
                    return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("bad clone link " + uri.getHost() + uri.getPath(), e);
                }
            }
        }
        throw new DiscoveryFault(new ConvergeException(label() + ": "
                + r.get("full_name").asText() + " has no " + wanted + " clone link"));
    }

    /** Settings for a {@link BitbucketProvider}; the user name pairs with an app password. */
    public static final class Builder extends RestProviderBuilder<Builder> {
        private String username;

        private Builder(String name) {
            super(name, DEFAULT_URL);
        }

        /** The Bitbucket user (or Atlassian account e-mail for API tokens) the token belongs to. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public BitbucketProvider build() {
            return new BitbucketProvider(this);
        }
    }
}
