package dev.converge.repos;

import dev.converge.repos.git.HeadFiles;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cheapest look at a clone: whether the directory is there, is a repository, and which
 * commit HEAD is on, read from the ref files where it can be ({@link HeadFiles}). Reading one ref
 * is what lets an incremental no-op sync skip a fetch.
 */
record LocalHead(State state, String head) {

    /** What sits at a clone's directory. */
    enum State {
        /** Nothing, or an empty directory: clone here. */
        ABSENT,
        /** A Git working tree. */
        REPOSITORY,
        /** Something else: files that are not a clone. */
        OTHER
    }

    static LocalHead read(Path directory) {
        if (!Files.exists(directory)) {
            return new LocalHead(State.ABSENT, null);
        }
        if (!Files.isDirectory(directory)) {
            return new LocalHead(State.OTHER, null);
        }
        Path dotGit = directory.resolve(Constants.DOT_GIT);
        if (!Files.exists(dotGit)) {
            return new LocalHead(isEmpty(directory) ? State.ABSENT : State.OTHER, null);
        }
        if (Files.isDirectory(dotGit)) {
            Optional<HeadFiles.Head> head = HeadFiles.read(dotGit);
            if (head.isPresent()) {
                return new LocalHead(State.REPOSITORY, head.get().id());
            }
        }
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(directory.toFile()).findGitDir(directory.toFile())
                .setMustExist(true).build()) {
            ObjectId id = repo.resolve(Constants.HEAD);
            return new LocalHead(State.REPOSITORY, id == null ? null : id.name());
        } catch (IOException | IllegalArgumentException e) {
            return new LocalHead(State.OTHER, null);
        }
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
