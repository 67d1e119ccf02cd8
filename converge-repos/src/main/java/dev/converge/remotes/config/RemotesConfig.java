package dev.converge.remotes.config;

import dev.converge.core.retry.RetryPolicy;

import java.util.Map;
import java.util.Optional;

/**
 * The remotes part of the configuration, after files were merged and validated.
 *
 * @param remotes      the remotes listed in config, by name
 * @param vpns         the VPNs defined, by name
 * @param discover     whether remotes in Git config but not listed are mirrored too, with defaults
 * @param parallel     whether remotes are pushed to at the same time (else by priority, one after another)
 * @param offlineQueue whether a push that failed for a transient reason is queued for a later retry
 * @param retry        retries per remote for transient faults
 */
public record RemotesConfig(Map<String, RemoteSettings> remotes, Map<String, VpnSettings> vpns, boolean discover,
                            boolean parallel, boolean offlineQueue, RetryPolicy retry) {
    /** What applies without any config file. */
    public static final RemotesConfig DEFAULT = new RemotesConfig(Map.of(), Map.of(), true, true, true, RetryPolicy.DEFAULT);

    public RemotesConfig {
        remotes = Map.copyOf(remotes);
        vpns = Map.copyOf(vpns);
    }

    public Optional<VpnSettings> vpn(String name) {
        return Optional.ofNullable(name == null ? null : vpns.get(name));
    }

    /** A copy with other retry settings (for flags and tests). */
    public RemotesConfig withRetry(RetryPolicy retry) {
        return new RemotesConfig(remotes, vpns, discover, parallel, offlineQueue, retry);
    }

    /** A copy that pushes in parallel or not. */
    public RemotesConfig withParallel(boolean parallel) {
        return new RemotesConfig(remotes, vpns, discover, parallel, offlineQueue, retry);
    }
}
