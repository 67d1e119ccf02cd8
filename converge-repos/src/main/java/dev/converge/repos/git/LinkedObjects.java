package dev.converge.repos.git;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code git clone PATH} does for a repository on the same machine: the new repository's
 * object files are hard links to the source's, so nothing is packed, sent or indexed. Git objects
 * are immutable files named by their content, so sharing them is safe: a later {@code gc} in either
 * repository writes new files and unlinks its own names, never changing a shared one.
 *
 * <p>Only plain cases are linked: a {@code file:} URL naming a repository on this machine that
 * borrows no objects from elsewhere ({@code objects/info/alternates}). Anything else, or a link
 * that fails (another file system, no permission), leaves the clone to the ordinary transfer.
 */
final class LinkedObjects {
    private LinkedObjects() {
    }

    /** The source's {@code objects} directory, when {@code url} is one this class can link from. */
    static Optional<Path> source(URI url) {
        if (!"file".equalsIgnoreCase(url.getScheme())) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = Path.of(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Path gitDir : List.of(dir, dir.resolve(".git"))) {
            Path objects = gitDir.resolve("objects");
            if (Files.isDirectory(objects) && Files.isRegularFile(gitDir.resolve("HEAD"))
                    && !Files.exists(objects.resolve("info/alternates"))) {
                return Optional.of(objects);
            }
        }
        return Optional.empty();
    }

    /**
     * Links every object file and pack of {@code from} into {@code to}.
     *
     * @return false when some file could not be linked; what was linked stays and is harmless
     */
    static boolean link(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(file)) {
                    return false; // a link would share whatever it points at, perhaps no object at all
                }
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Path relative = from.relativize(file);
                if (relative.startsWith("info")) {
                    continue; // the source's own bookkeeping (alternates, packs list), not objects
                }
                Path target = to.resolve(relative);
                Files.createDirectories(target.getParent());
                try {
                    Files.createLink(target, file);
                } catch (FileAlreadyExistsException e) {
                    // the same object, already there
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
