package dev.converge.repos.git;

import dev.converge.core.UsageException;
import org.eclipse.jgit.merge.ContentMergeStrategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What to do when upstream commits and local commits touch the same lines. Only {@link #OURS},
 * {@link #THEIRS} and {@link #UNION} resolve a conflicting hunk, and only because the user chose
 * them; the default {@link #SKIP} restores the repository exactly as it was and reports.
 */
public enum ConflictStrategy {
    /** Abort the merge, leave the repository as it was, report the conflicting files. */
    SKIP(ContentMergeStrategy.CONFLICT),
    /** Conflicting hunks take the local side. */
    OURS(ContentMergeStrategy.OURS),
    /** Conflicting hunks take the upstream side. */
    THEIRS(ContentMergeStrategy.THEIRS),
    /** Conflicting hunks keep both sides' lines, local first. */
    UNION(ContentMergeStrategy.UNION),
    /**
     * On a terminal, asks per conflicting file: local, upstream, edit, or skip (abort as {@link #SKIP});
     * off a terminal there is nobody to ask and it behaves as {@link #SKIP}.
     */
    INTERACTIVE(ContentMergeStrategy.CONFLICT);

    private final ContentMergeStrategy content;

    ConflictStrategy(ContentMergeStrategy content) {
        this.content = content;
    }

    /** How JGit resolves a conflicting hunk under this strategy. */
    public ContentMergeStrategy contentMergeStrategy() {
        return content;
    }

    /** Whether a conflict left after the merge is aborted and restored rather than kept. */
    public boolean abortsOnConflict() {
        return content == ContentMergeStrategy.CONFLICT;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code --conflict-strategy} value, listing the choices when it is not one. */
    public static ConflictStrategy parse(String value) throws UsageException {
        for (ConflictStrategy s : values()) {
            if (s.label().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new UsageException("unknown conflict strategy '" + value + "'; choose one of "
                + Arrays.stream(values()).map(ConflictStrategy::label).collect(Collectors.joining(", ")));
    }
}
