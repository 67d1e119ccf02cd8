package dev.converge.repos.provider;

import dev.converge.core.ConvergeException;
import dev.converge.repos.pattern.RepoPattern;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A hosting provider: where repositories are discovered and cloned from. One small interface,
 * many backends (rclone's habit): a provider only lists; cloning and updating are Git's job.
 */
public interface Provider {

    /** The name the user gave it in the config ({@code work}), or its type when unnamed. */
    String name();

    /**
     * Where this provider lists from, stable across runs and free of secrets ({@code local:/srv/git},
     * {@code github:https://api.github.com}); part of a sync's identity in the state store.
     */
    String describe();

    /**
     * Lists the repositories whose full path matches the pattern, page by page as the stream is
     * consumed, so a fleet of ten thousand is never held at once. The first page is fetched
     * before this returns, so a bad token or a missing organisation surfaces here as a checked
     * fault; a fault on a later page is thrown from the stream as a {@link DiscoveryFault}.
     * Archived, disabled and forked repositories are listed too; the caller filters them.
     */
    Stream<HostedRepo> discover(RepoPattern pattern) throws ConvergeException;

    /**
     * Credentials for Git operations on this provider's clone URLs, supplied per operation and
     * never stored in a remote URL or {@code .git/config}; empty when none are needed.
     */
    Optional<CredentialsProvider> credentials();
}
