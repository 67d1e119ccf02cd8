package dev.converge.repos.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.ConvergeException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every REST-listed provider holds and answers alike: the name the user gave it, the API root
 * it lists from, the token, whether it clones over SSH, and its HTTP access. Each provider adds only
 * how it pages and what its repositories look like.
 */
abstract class RestProvider implements Provider {
    final String name;
    final URI apiUrl;
    final String token;
    final boolean ssh;
    final ProviderHttp http;
    private final String type;

    /**
     * @param type    the config's provider type ({@code github}), which also prefixes {@link #describe()}
     * @param apiUrl  the root the listing requests are made under
     * @param accept  the API's media type
     * @param headers the provider's own headers (authorisation, API version), none when it has none
     */
    RestProvider(RestProviderBuilder<?> b, String type, URI apiUrl, String accept, Map<String, String> headers) {
        this.name = b.name;
        this.type = type;
        this.apiUrl = apiUrl;
        this.token = b.token;
        this.ssh = b.ssh;
        this.http = b.http(type, accept, headers);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String describe() {
        return type + ":" + apiUrl;
    }

    /** How messages name this provider: {@code gitlab provider 'work'}. */
    final String label() {
        return type + " provider '" + name + "'";
    }

    /** The listing's page at {@code uri} (a next link), fetched with the listing's retries and faults. */
    final Page page(URI uri) throws ConvergeException {
        return parse(uri, http.getPage(uri));
    }

    /** One page of the listing as this provider's API shapes it: its repositories and where the next is. */
    abstract Page parse(URI uri, HttpResponse<String> response) throws ConvergeException;

    /** One repository of a page as this provider's API describes it. */
    abstract HostedRepo toRepo(JsonNode repo);

    /**
     * A page whose repositories are the elements of {@code list}, which must be a JSON array
     * ({@code what} names it in the error when the server sent something else).
     */
    final Page page(URI uri, HttpResponse<String> response, JsonNode list, String what, URI next) throws ConvergeException {
        JsonNode items = http.requireList(uri, response, list, what);
        List<HostedRepo> repos = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            repos.add(toRepo(item));
        }
        return new Page(repos, next);
    }
}
