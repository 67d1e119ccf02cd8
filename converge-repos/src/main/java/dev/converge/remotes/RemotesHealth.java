package dev.converge.remotes;

import dev.converge.core.retry.RetryPolicy;

import dev.converge.core.ConvergeException;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.vpn.CommandRunner;
import dev.converge.remotes.vpn.VpnGate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.time.Duration;
import java.util.List;

/**
 * Checks every mirror once, in parallel: reachable, latency, auth, VPN state. Only asks; never
 * connects a VPN and never pushes.
 */
public final class RemotesHealth {
    private final Repository repository;
    private final RemotesConfig config;
    private Duration timeout = Duration.ofSeconds(30);
    private CredentialsProvider credentials;

    public RemotesHealth(Repository repository, RemotesConfig config) {
        this.repository = repository;
        this.config = config;
    }

    public RemotesHealth setTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public RemotesHealth setCredentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    public List<RemoteHealth> call() throws ConvergeException {
        List<Mirror> mirrors = Mirrors.of(repository, config);
        RemoteClient client = new RemoteClient(repository, RetryPolicy.NONE, timeout, credentials);
        CommandRunner runner = new CommandRunner(repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath(),
                repository.getDirectory().toPath().resolve(CommandRunner.LOG_FILE));
        return Parallel.map(mirrors, true, m -> {
            Advertisement ad = client.advertise(m);
            String auth = ad.isReachable() ? "ok" : ad.fault().kind() == Fault.Kind.AUTH ? "failed" : "unknown";
            String vpn = config.vpn(m.settings().vpn())
                    .map(v -> v.name() + ": " + (new VpnGate(v, 0, runner).isUp() ? "up" : "down"))
                    .orElse("");
            return new RemoteHealth(m.name(), m.displayUrl(), ad.isReachable(), ad.latency(), auth, vpn, ad.fault());
        });
    }
}
