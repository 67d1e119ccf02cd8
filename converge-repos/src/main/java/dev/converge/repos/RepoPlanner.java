package dev.converge.repos;

import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Plan;
import dev.converge.core.model.Side;
import dev.converge.core.model.ThreeWay;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.HostedRepo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compare and plan for a fleet: each discovered repository is compared with its base
 * (remote version, local head) and becomes a clone, a pull, a skip, or nothing at all.
 * Nothing is written here; {@code --dry-run} prints what this returns.
 *
 * <p>Incremental: when the provider's version mark and the local HEAD both equal the base, the
 * repository is counted unchanged and no fetch happens. A repository whose provider cannot tell
 * its version, or a run with {@code --no-incremental}, is always pulled.
 */
public final class RepoPlanner {
    private final Path into;
    private SyncMode mode = SyncMode.SYNC;
    private RepoSelection selection = RepoSelection.DEFAULT;
    private boolean incremental = true;
    private Map<String, Base> bases = Map.of();
    private RepoPattern pattern = RepoPattern.all();

    private RepoPlanner(Path into) {
        this.into = Objects.requireNonNull(into, "into").toAbsolutePath().normalize();
    }

    /** Plans clones under {@code into}, each at {@code into/<full path>}. */
    public static RepoPlanner into(Path into) {
        return new RepoPlanner(into);
    }

    public RepoPlanner mode(SyncMode mode) {
        this.mode = mode;
        return this;
    }

    public RepoPlanner selection(RepoSelection selection) {
        this.selection = selection;
        return this;
    }

    public RepoPlanner incremental(boolean incremental) {
        this.incremental = incremental;
        return this;
    }

    /** The bases of the last successful sync, by full path. */
    public RepoPlanner bases(Map<String, Base> bases) {
        this.bases = Map.copyOf(bases);
        return this;
    }

    /** The pattern the repositories were discovered with, to tell which bases it covers. */
    public RepoPlanner pattern(RepoPattern pattern) {
        this.pattern = pattern;
        return this;
    }

    /**
     * Plans the repositories as they stream from discovery. The stream must have been consumed
     * to its end without fault for "no longer listed" to be concluded: a base that was not seen
     * only becomes a (harmless) skip that says so, and nothing is ever deleted locally.
     */
    public Plan<RepoItem> plan(Stream<HostedRepo> discovered) {
        List<Action<RepoItem>> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long unchanged = 0;
        for (HostedRepo repo : (Iterable<HostedRepo>) discovered::iterator) {
            seen.add(repo.fullPath());
            if (!selection.accepts(repo)) {
                continue;
            }
            Action<RepoItem> action = planOne(RepoItem.of(repo, into));
            if (action == null) {
                unchanged++;
            } else {
                actions.add(action);
            }
        }
        for (Map.Entry<String, Base> gone : new TreeMap<>(bases).entrySet()) {
            String id = gone.getKey();
            if (!seen.contains(id) && pattern.matches(id)) {
                RepoItem item = new RepoItem(id, null, into.resolve(id));
                actions.add(new Action<>(item, ActionType.SKIP,
                        new Change(id, ChangeType.DELETED, Side.LEFT, "no longer listed by the provider"),
                        "no longer listed by the provider; local clone left in place"));
            }
        }
        return new Plan<>(actions, unchanged);
    }

    /** One repository's action, or {@code null} when it is converged or not this mode's business. */
    private Action<RepoItem> planOne(RepoItem item) {
        LocalHead local = LocalHead.read(item.directory());
        String id = item.id();
        Base base = bases.get(id);
        Fingerprint remote = item.hosted().remoteVersion();
        return switch (local.state()) {
            case ABSENT -> mode.clones()
                    ? new Action<>(item, ActionType.CLONE,
                            new Change(id, ChangeType.ADDED, Side.LEFT, base == null ? "not cloned yet" : "clone is gone"),
                            base == null ? "not cloned yet" : "clone is gone; cloning again")
                    : null;
            case OTHER -> new Action<>(item, ActionType.SKIP,
                    new Change(id, ChangeType.MODIFIED, Side.RIGHT, "target is not a Git repository"),
                    item.directory() + " exists but is not a Git repository");
            case REPOSITORY -> {
                if (!mode.updates()) {
                    yield null;
                }
                Change change = ThreeWay.compare(id, base, remote, Fingerprint.of(local.head()));
                if (incremental && remote != null && change.type() == ChangeType.UNCHANGED) {
                    yield null;
                }
                yield new Action<>(item, ActionType.PULL, change, pullReason(base, remote, change));
            }
        };
    }

    private String pullReason(Base base, Fingerprint remote, Change change) {
        if (!incremental) {
            return "--no-incremental";
        }
        if (remote == null) {
            return "provider does not tell the remote version";
        }
        if (base == null) {
            return "first sync";
        }
        return switch (change.side()) {
            case LEFT -> "changed upstream";
            case RIGHT -> "changed locally";
            case BOTH -> "changed upstream and locally";
            case NONE -> "unchanged";
        };
    }
}
