package dev.converge.remotes;

import dev.converge.core.ConfigException;
import dev.converge.core.UsageException;
import dev.converge.remotes.config.BranchGlob;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The local branches of a repository, and the choice of which of them a command is about. */
public final class LocalBranches {
    private final Map<String, ObjectId> heads;
    private final String current;

    private LocalBranches(Map<String, ObjectId> heads, String current) {
        this.heads = heads;
        this.current = current;
    }

    /** Reads the branch heads and the checked-out branch. */
    public static LocalBranches of(Repository repository) throws IOException {
        Map<String, ObjectId> heads = new TreeMap<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            if (ref.getObjectId() != null) {
                heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId());
            }
        }
        Ref head = repository.exactRef(Constants.HEAD);
        String current = head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)
                ? head.getTarget().getName().substring(Constants.R_HEADS.length())
                : null;
        return new LocalBranches(heads, current);
    }

    /** Branch name to commit, sorted by name. */
    public Map<String, ObjectId> heads() {
        return heads;
    }

    public ObjectId head(String branch) {
        return heads.get(branch);
    }

    /**
     * The branches a command is about: the named ones (each must exist), every branch, or the
     * checked-out branch.
     *
     * @throws UsageException naming a branch that does not exist, or when HEAD is detached and none was named
     */
    public List<String> select(List<String> named, boolean all) throws UsageException {
        if (all) {
            return List.copyOf(heads.keySet());
        }
        if (!named.isEmpty()) {
            List<String> chosen = new ArrayList<>();
            for (String b : named) {
                String name = b.startsWith(Constants.R_HEADS) ? b.substring(Constants.R_HEADS.length()) : b;
                if (!heads.containsKey(name)) {
                    throw new UsageException("branch '" + b + "' does not exist; local branches: " + String.join(", ", heads.keySet()));
                }
                chosen.add(name);
            }
            return chosen;
        }
        if (current == null || !heads.containsKey(current)) {
            throw new UsageException("HEAD is detached or has no commit yet: name a branch with --branch B, or use --all-branches");
        }
        return List.of(current);
    }

    /** Whether the glob matches at least one local branch; one that matches none is likely a typo. */
    public boolean anyMatches(BranchGlob glob) {
        return heads.keySet().stream().anyMatch(glob::matches);
    }

    /**
     * Checks that every branch glob written in config matches a local branch. One that matches
     * none is most likely a typo ({@code relase/*}), and pushing with it would silently leave the
     * branches it was meant for unmirrored, so it stops the command before anything is pushed.
     *
     * @throws ConfigException naming file:line:column, the key, the glob and the remote
     */
    public void requireEveryGlobMatches(List<Mirror> mirrors) throws ConfigException {
        for (Mirror m : mirrors) {
            for (BranchGlob glob : m.settings().branches()) {
                if (glob.configured() && !anyMatches(glob)) {
                    throw new ConfigException(glob.where() + ": " + glob.key() + ": branch glob '" + glob.text()
                            + "' of remote '" + m.name() + "' matches no local branch; local branches: "
                            + (heads.isEmpty() ? "(none)" : String.join(", ", heads.keySet())));
                }
            }
        }
    }
}
