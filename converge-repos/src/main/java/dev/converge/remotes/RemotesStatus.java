package dev.converge.remotes;

import dev.converge.core.retry.RetryPolicy;

import dev.converge.core.ConvergeException;
import dev.converge.remotes.config.RemotesConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dashboard: for every mirror, where each branch it mirrors stands, from one ref
 * advertisement per remote (asked in parallel), plus the branches on which mirrors disagree.
 * Writes nothing.
 */
public final class RemotesStatus {
    private final Repository repository;
    private final RemotesConfig config;
    private List<String> branches = List.of();
    private Duration timeout = Duration.ofSeconds(30);
    private CredentialsProvider credentials;

    public RemotesStatus(Repository repository, RemotesConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Only these branches (default: every local branch each remote mirrors). */
    public RemotesStatus setBranches(List<String> branches) {
        this.branches = List.copyOf(branches);
        return this;
    }

    /** Bound on each remote's answer. */
    public RemotesStatus setTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public RemotesStatus setCredentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    /**
     * @throws ConvergeException for a configured remote that does not exist or a branch that does not
     */
    public StatusResult call() throws ConvergeException {
        try {
            LocalBranches local = LocalBranches.of(repository);
            List<String> wanted = branches.isEmpty() ? List.copyOf(local.heads().keySet()) : local.select(branches, false);
            List<Mirror> mirrors = Mirrors.of(repository, config);
            local.requireEveryGlobMatches(mirrors);
            // Status never retries: a dashboard should answer now, and say "unreachable" when so.
            RemoteClient client = new RemoteClient(repository, RetryPolicy.NONE, timeout, credentials);
            List<Advertisement> ads = Parallel.map(mirrors, true, client::advertise);
            BranchComparer comparer = new BranchComparer(repository);
            List<RemoteStatus> remotes = new ArrayList<>();
            for (Advertisement ad : ads) {
                List<BranchStatus> statuses = new ArrayList<>();
                for (String branch : wanted) {
                    if (ad.mirror().settings().mirrors(branch)) {
                        statuses.add(comparer.compare(ad, branch, local.head(branch)));
                    }
                }
                Mirror m = ad.mirror();
                remotes.add(new RemoteStatus(m.name(), m.displayUrl(), m.settings().priority(), ad.isReachable(),
                        ad.latency(), ad.fault(), statuses));
            }
            return new StatusResult(remotes, disagreements(ads, comparer), List.of());
        } catch (IOException e) {
            throw new ConvergeException("cannot read " + repository.getDirectory() + ": " + e.getMessage(), e);
        }
    }

    /** Branches that reachable remotes hold at different commits. */
    static List<MirrorDisagreement> disagreements(List<Advertisement> ads, BranchComparer comparer) {
        Map<String, Map<String, ObjectId>> byBranch = new TreeMap<>();
        for (Advertisement ad : ads) {
            ad.heads().forEach((branch, id) -> {
                if (ad.mirror().settings().mirrors(branch)) {
                    byBranch.computeIfAbsent(branch, b -> new LinkedHashMap<>()).put(ad.mirror().name(), id);
                }
            });
        }
        List<MirrorDisagreement> found = new ArrayList<>();
        byBranch.forEach((branch, commits) -> {
            Set<ObjectId> distinct = new HashSet<>(commits.values());
            if (distinct.size() > 1) {
                found.add(new MirrorDisagreement(branch, commits, !linear(distinct, comparer)));
            }
        });
        return found;
    }

    /** Whether the commits lie on one line of history, so that one mirror merely lags another. */
    private static boolean linear(Set<ObjectId> commits, BranchComparer comparer) {
        try {
            List<ObjectId> list = new ArrayList<>(commits);
            for (ObjectId id : list) {
                if (!comparer.isKnownCommit(id)) {
                    return false;
                }
            }
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (!comparer.isAncestor(list.get(i), list.get(j)) && !comparer.isAncestor(list.get(j), list.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
