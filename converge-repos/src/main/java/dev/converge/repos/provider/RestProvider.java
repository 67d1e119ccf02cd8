package dev.converge.repos.provider;

import java.net.URI;
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
}
