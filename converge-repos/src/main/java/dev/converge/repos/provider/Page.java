package dev.converge.repos.provider;

import java.net.URI;
import java.util.List;

/**
 * One page of a provider's listing and where the next one is ({@code null} on the last page),
 * whatever the provider's paging style: a {@code Link} header, a {@code next} field, a token.
 */
public record Page(List<HostedRepo> repos, URI next) {
    public Page {
        repos = List.copyOf(repos);
    }
}
