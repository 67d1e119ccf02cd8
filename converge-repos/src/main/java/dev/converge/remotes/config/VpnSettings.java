package dev.converge.remotes.config;

import java.time.Duration;

/**
 * A VPN some remotes can only be reached through. Each command is run with {@code sh -c},
 * bounded by {@code timeout}; {@code checkCmd} exits 0 when the VPN is up.
 *
 * @param name          the name remotes refer to with {@code vpn:}
 * @param checkCmd      exits 0 when the VPN is up; may be empty (then the VPN counts as down)
 * @param connectCmd    brings the VPN up
 * @param disconnectCmd takes it down again; may be empty
 * @param timeout       how long any one of these commands may run before it is killed
 */
public record VpnSettings(String name, String checkCmd, String connectCmd, String disconnectCmd, Duration timeout) {
    /** Default bound on a VPN command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
