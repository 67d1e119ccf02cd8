package dev.converge.files;

import dev.converge.core.model.Action;
import dev.converge.core.model.Base;
import dev.converge.core.model.Outcome;
import java.util.List;
import java.util.Map;

/**
 * What a push will do: uploads first, then deletions (made only when every upload succeeded),
 * failures found while planning (unreadable files), and bases to refresh without any transfer
 * (a file touched but not changed) or to forget (gone on both sides).
 *
 * @param changes counts by kind of change: added, modified, deleted, conflicts, unchanged, remote_only
 */
public record FilesPlan(List<Action<FileItem>> uploads, List<Action<FileItem>> deletes, List<Outcome> failures,
                        List<Base> rebases, List<String> forgets, Map<String, Long> changes, long remoteObjects) {

    public long uploadBytes() {
        return uploads.stream().filter(a -> a.type().writes()).mapToLong(Action::bytes).sum();
    }
}
