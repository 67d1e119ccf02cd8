package dev.converge.remotes;

import java.time.Duration;

/**
 * One remote's health: whether it answers, how fast, whether the credentials are accepted, and
 * the state of the VPN it sits behind.
 *
 * @param name      the remote
 * @param url       its push URL without credentials
 * @param reachable whether the ref advertisement came back
 * @param latency   how long it took
 * @param auth      "ok", "failed" or "unknown" (when the remote could not be reached)
 * @param vpn       the VPN's name and state ("corporate: up"), or an empty string
 * @param fault     why it is unhealthy, or {@code null}
 */
public record RemoteHealth(String name, String url, boolean reachable, Duration latency, String auth, String vpn,
                           Fault fault) {
}
