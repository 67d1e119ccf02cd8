package dev.converge.repos.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads where a repository's HEAD points straight from its files ({@code HEAD}, the loose ref,
 * else {@code packed-refs}) without opening a JGit {@code Repository}, which parses the
 * repository's config and sets up its object and ref databases. An incremental no-op sync reads
 * two heads per repository and nothing else, so over a fleet this is most of its work. Layouts
 * this does not read (reftable, linked worktrees, a symbolic ref pointing at another) answer
 * empty, and the caller asks JGit.
 */
public final class HeadFiles {
    private HeadFiles() {
    }

    /**
     * Where HEAD points.
     *
     * @param ref the ref HEAD names ({@code refs/heads/main}), or {@code null} when detached
     * @param id  the commit, or {@code null} when the branch has no commit yet
     */
    public record Head(String ref, String id) {
        /** The branch's short name, or {@code null} when detached. */
        public String branch() {
            return ref == null ? null : ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length()) : ref;
        }
    }

    /** Reads HEAD of the repository whose Git directory is {@code gitDir}, or empty when only JGit can tell. */
    public static Optional<Head> read(Path gitDir) {
        try {
            if (Files.exists(gitDir.resolve("reftable")) || Files.exists(gitDir.resolve("commondir"))) {
                return Optional.empty();
            }
            String head = Files.readString(gitDir.resolve(Constants.HEAD), StandardCharsets.UTF_8).strip();
            if (ObjectId.isId(head)) {
                return Optional.of(new Head(null, head));
            }
            if (!head.startsWith("ref: ")) {
                return Optional.empty();
            }
            String ref = head.substring("ref: ".length()).strip();
            if (!ref.startsWith(Constants.R_REFS) || ref.contains("..")) {
                return Optional.empty();
            }
            Path loose = gitDir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String id = Files.readString(loose, StandardCharsets.US_ASCII).strip();
                return ObjectId.isId(id) ? Optional.of(new Head(ref, id)) : Optional.empty();
            }
            return Optional.of(new Head(ref, packed(gitDir, ref)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The ref's id in {@code packed-refs}, or {@code null} when it is not there (an unborn branch). */
    private static String packed(Path gitDir, String ref) throws IOException {
        Path packedRefs = gitDir.resolve(Constants.PACKED_REFS);
        if (!Files.isRegularFile(packedRefs)) {
            return null;
        }
        try (BufferedReader lines = Files.newBufferedReader(packedRefs, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // "<40 hex> <name>"; '#' starts the header, '^' a peeled tag's target.
                if (line.length() > Constants.OBJECT_ID_STRING_LENGTH + 1 && line.charAt(Constants.OBJECT_ID_STRING_LENGTH) == ' '
                        && line.substring(Constants.OBJECT_ID_STRING_LENGTH + 1).equals(ref)) {
                    String id = line.substring(0, Constants.OBJECT_ID_STRING_LENGTH);
                    return ObjectId.isId(id) ? id : null;
                }
            }
        }
        return null;
    }
}
