package dev.converge.remotes.vpn;

import dev.converge.remotes.config.VpnSettings;

/**
 * One VPN shared by the remotes of one run. It is brought up at most once, and only when asked
 * to (a remote behind it did not answer) while {@code check_cmd} says it is down; it is taken down
 * after the last remote that uses it is done, and only if this gate brought it up. Remotes pushed
 * in parallel share the gate, so they wait for one connect instead of racing several.
 */
public final class VpnGate {
    private final VpnSettings settings;
    private final CommandRunner runner;
    private int users;
    private boolean connectedByUs;
    private String failure;

    /** How a request to bring the VPN up ended. */
    public enum State {
        /** It was up before converge touched it. */
        ALREADY_UP,
        /** converge brought it up (now or for an earlier remote of this run). */
        CONNECTED,
        /** It could not be brought up; {@link #failure()} says why. */
        FAILED
    }

    /**
     * @param settings the VPN
     * @param users    how many remotes of this run sit behind it; it is taken down after the last releases it
     * @param runner   runs the commands
     */
    public VpnGate(VpnSettings settings, int users, CommandRunner runner) {
        this.settings = settings;
        this.users = users;
        this.runner = runner;
    }

    public String name() {
        return settings.name();
    }

    /** Whether {@code check_cmd} says the VPN is up (an empty check counts as down). */
    public boolean isUp() {
        if (settings.checkCmd().isBlank()) {
            return false;
        }
        return runner.run(label("check_cmd"), settings.checkCmd(), settings.timeout()).isSuccess();
    }

    /** Brings the VPN up unless it is already up; connects at most once per run, even after a failure. */
    public synchronized State ensureUp() {
        if (connectedByUs) {
            return State.CONNECTED;
        }
        if (failure != null) {
            return State.FAILED;
        }
        if (isUp()) {
            return State.ALREADY_UP;
        }
        CommandRunner.Result result = runner.run(label("connect_cmd"), settings.connectCmd(), settings.timeout());
        if (!result.isSuccess()) {
            failure = result.problem();
            return State.FAILED;
        }
        connectedByUs = true;
        return State.CONNECTED;
    }

    /** Why the VPN could not be brought up, or {@code null}. */
    public synchronized String failure() {
        return failure;
    }

    /** One remote is done with the VPN; after the last, it is taken down if this gate brought it up. */
    public synchronized void release() {
        users--;
        if (users == 0 && connectedByUs) {
            connectedByUs = false;
            if (!settings.disconnectCmd().isBlank()) {
                runner.run(label("disconnect_cmd"), settings.disconnectCmd(), settings.timeout());
            }
        }
    }

    private String label(String command) {
        return "vpn " + settings.name() + " " + command;
    }
}
