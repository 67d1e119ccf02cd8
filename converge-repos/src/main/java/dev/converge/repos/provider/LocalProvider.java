package dev.converge.repos.provider;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.model.Fingerprint;
import dev.converge.repos.git.HeadFiles;
import dev.converge.repos.pattern.RepoPattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache.FileKey;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Repositories under a directory: every bare repository ({@code name.git}, or any directory Git
 * recognises as one) and every working repository (a directory holding {@code .git}). Its full
 * path is its path under the root, with {@code /} separators and without a {@code .git} suffix;
 * it is cloned over {@code file://}. The head commit is read from the refs directly, which makes
 * an incremental no-op sync cost no fetch at all.
 */
public final class LocalProvider implements Provider {
    private final String name;
    private final Path root;

    public LocalProvider(String name, Path root) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    /** The directory this provider lists. */
    public Path root() {
        return root;
    }

    @Override
    public Stream<HostedRepo> discover(RepoPattern pattern) throws ConvergeException {
        if (!Files.isDirectory(root)) {
            throw new UsageException("local provider '" + name + "': root " + root + " is not a directory");
        }
        List<Path> found = new ArrayList<>();
        try {
            collect(root, found);
        } catch (UncheckedIOException | IOException e) {
            throw new ConvergeException("local provider '" + name + "': cannot list " + root + ": " + e.getMessage(), e);
        }
        return found.stream()
                .map(dir -> new Found(dir, fullPath(dir)))
                .filter(f -> pattern.matches(f.fullPath()))
                .sorted(Comparator.comparing(Found::fullPath))
                .map(f -> describe(f.dir(), f.fullPath()));
    }

    @Override
    public Optional<CredentialsProvider> credentials() {
        return Optional.empty();
    }

    private record Found(Path dir, String fullPath) {
    }

    /** Walks the tree, not descending into a repository once one is found. */
    private static void collect(Path dir, List<Path> found) throws IOException {
        if (FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            found.add(dir);
            return;
        }
        Path dotGit = dir.resolve(Constants.DOT_GIT);
        if (Files.isDirectory(dotGit) && FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED)) {
            found.add(dir);
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                if (!Files.isSymbolicLink(child)) {
                    collect(child, found);
                }
            }
        }
    }

    private String fullPath(Path dir) {
        String relative = root.relativize(dir).toString().replace('\\', '/');
        return relative.endsWith(Constants.DOT_GIT_EXT)
                ? relative.substring(0, relative.length() - Constants.DOT_GIT_EXT.length())
                : relative;
    }

    private HostedRepo describe(Path dir, String fullPath) {
        Path gitDir = Files.isDirectory(dir.resolve(Constants.DOT_GIT)) ? dir.resolve(Constants.DOT_GIT) : dir;
        Optional<HeadFiles.Head> fast = HeadFiles.read(gitDir);
        if (fast.isPresent()) {
            return hosted(dir, fullPath, gitDir, fast.get().id() == null ? null : fast.get().branch(), fast.get().id());
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            Ref head = repo.exactRef(Constants.HEAD);
            String branch = head != null && head.isSymbolic()
                    ? Repository.shortenRefName(head.getTarget().getName()) : null;
            ObjectId headId = head == null ? null : head.getObjectId();
            return hosted(dir, fullPath, gitDir, headId == null ? null : branch, headId == null ? null : headId.name());
        } catch (IOException e) {
            throw new DiscoveryFault(new ConvergeException(
                    "local provider '" + name + "': cannot read " + fullPath + ": " + e.getMessage(), e));
        }
    }

    /** What the listing says of a repository whose HEAD is on {@code branch} at {@code head} (both null when empty). */
    private HostedRepo hosted(Path dir, String fullPath, Path gitDir, String branch, String head) {
        try {
            Instant modified = Files.getLastModifiedTime(gitDir).toInstant();
            return new HostedRepo(fullPath, dir.toUri(), branch, false, false, false,
                    modified, head == null ? null : Fingerprint.of(head));
        } catch (IOException e) {
            throw new DiscoveryFault(new ConvergeException(
                    "local provider '" + name + "': cannot read " + fullPath + ": " + e.getMessage(), e));
        }
    }
}
