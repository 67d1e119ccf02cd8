package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.repos.host.HostThrottle;
import org.eclipse.jgit.api.CreateBranchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.util.FileUtils;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Clones one repository into a directory that does not exist yet (or is empty). The clone is
 * made beside the target and moved into place at the end, so a crash or a failed transfer never
 * leaves a half-cloned repository where a later run would take it for a real one. Credentials
 * are handed to this one operation; the remote URL stored in {@code .git/config} has none. The
 * clone is made by JGit, or by the {@link GitBinary} when one is given ({@link GitCliClone}), which
 * costs a fraction of JGit's CPU per repository; either way the result and the faults are the same.
 */
public final class CloneRepo {
    private URI url;
    private Path directory;
    private String branch;
    private CredentialsProvider credentials;
    private HostThrottle throttle;
    private int timeoutSeconds = 120;
    private GitBinary gitBinary;

    public static CloneRepo from(URI url) {
        CloneRepo c = new CloneRepo();
        c.url = Objects.requireNonNull(url, "url");
        return c;
    }

    public CloneRepo into(Path directory) {
        this.directory = directory;
        return this;
    }

    /** The branch to check out; the remote's default when {@code null}. */
    public CloneRepo branch(String branch) {
        this.branch = branch;
        return this;
    }

    public CloneRepo credentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    /** Keeps the clone within its host's limit and rides out push-back; none when {@code null}. */
    public CloneRepo throttle(HostThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    public CloneRepo timeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
        return this;
    }

    /** Clones with this {@code git} binary instead of JGit; JGit when {@code null}. */
    public CloneRepo gitBinary(GitBinary gitBinary) {
        this.gitBinary = gitBinary;
        return this;
    }

    /**
     * Clones, or explains why not.
     *
     * @throws UsageException      when the target is a file
     * @throws ConvergeException   for transport faults ({@link dev.converge.core.RemoteException}
     *                             says whether to retry) and local I/O faults
     */
    public CloneResult call() throws ConvergeException {
        Objects.requireNonNull(directory, "directory");
        if (userInfo(url)) {
            throw new UsageException("refusing to clone from a URL carrying credentials; they would be stored in .git/config");
        }
        if (Files.isRegularFile(directory)) {
            throw new UsageException("clone target " + directory + " is a file");
        }
        if (Files.isDirectory(directory) && !isEmpty(directory)) {
            String why = GitRepos.isWorkingRepository(directory) ? "already cloned" : "exists but is not a Git repository";
            return new CloneResult(CloneResult.Status.SKIPPED, directory, null, null, why);
        }
        return throttle == null ? transfer() : throttle.call(url.toString(), this::transfer);
    }

    /** One attempt: clones into a fresh staging directory beside the target and moves it into place. */
    private CloneResult transfer() throws ConvergeException {
        InlineGc.install();
        Path parent = directory.toAbsolutePath().getParent();
        Path staging = parent.resolve("." + directory.getFileName() + ".converge-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(parent);
            if (gitBinary != null) {
                return cloneWithGit(staging);
            }
            var clone = Git.cloneRepository().setURI(url.toString()).setDirectory(staging.toFile())
                    .setCredentialsProvider(credentials);
            if (!"file".equalsIgnoreCase(url.getScheme())) {
                // A network timeout makes JGit start a timer thread and wrap every stream of the
                // transfer; a local clone has no network to time out, and it was ~15% of its CPU.
                clone.setTimeout(timeoutSeconds);
            }
            if (branch != null) {
                clone.setBranch(Constants.R_HEADS + branch);
            }
            String checkedOut;
            String head;
            Optional<Git> linked = linkedClone(staging);
            try (Git git = linked.isPresent() ? linked.get() : clone.call()) {
                Repository repo = git.getRepository();
                ObjectId id = repo.resolve(Constants.HEAD);
                checkedOut = repo.getBranch();
                head = id == null ? null : id.name();
            }
            moveIntoPlace(staging, directory);
            return new CloneResult(CloneResult.Status.CLONED, directory, checkedOut, head, "");
        } catch (TransportException | InvalidRemoteException e) {
            throw GitRepos.transportFault("clone " + GitRepos.displayable(url.toString()), e);
        } catch (GitAPIException | IOException | JGitInternalException e) {
            throw new ConvergeException("clone " + GitRepos.displayable(url.toString()) + " into " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * The clone made by the {@code git} binary. A plain repository on this machine is cloned by
     * {@link WrittenClone}; another that {@link LinkedObjects} would link is given to git as a path, so
     * that git hard-links its objects as JGit's clone does; the remote URL is then set back to the
     * {@code file:} URL, the one JGit's clone records.
     */
    private CloneResult cloneWithGit(Path staging) throws ConvergeException, IOException {
        Optional<Path> linkable = LinkedObjects.source(url).map(Path::getParent);
        // A plain local source: converge writes the Git directory and git only checks out (see WrittenClone).
        if (linkable.isEmpty() || !WrittenClone.write(gitBinary, linkable.get(), url, branch, staging, timeoutSeconds)) {
            GitCliClone.run(gitBinary, linkable.map(Path::toString).orElse(url.toString()), staging, branch, url, credentials,
                    timeoutSeconds);
            if (linkable.isPresent()) {
                setOriginUrl(staging.resolve(Constants.DOT_GIT).resolve(Constants.CONFIG), linkable.get().toString());
            }
        }
        Path gitDir = staging.resolve(Constants.DOT_GIT);
        Optional<HeadFiles.Head> head = HeadFiles.read(gitDir);
        String checkedOut;
        String id;
        if (head.isPresent()) {
            checkedOut = head.get().branch();
            id = head.get().id();
        } else {
            try (Git git = Git.open(staging.toFile())) {
                ObjectId resolved = git.getRepository().resolve(Constants.HEAD);
                checkedOut = git.getRepository().getBranch();
                id = resolved == null ? null : resolved.name();
            }
        }
        moveIntoPlace(staging, directory);
        return new CloneResult(CloneResult.Status.CLONED, directory, checkedOut, id, "");
    }

    /**
     * Points {@code origin} back at the {@code file:} URL. git wrote the path as one plain line, which
     * is replaced as text: parsing and saving the config through JGit was a third of the JVM's work
     * per git clone. A value git had to quote (odd characters in the path) goes through JGit.
     */
    private void setOriginUrl(Path config, String path) throws IOException {
        String text = Files.readString(config, StandardCharsets.UTF_8);
        String line = "\turl = " + path + "\n";
        int at = text.indexOf(line);
        if (at >= 0 && text.indexOf(line, at + 1) < 0 && !url.toString().contains("\n")) {
            Files.writeString(config, text.substring(0, at) + "\turl = " + url + "\n" + text.substring(at + line.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        FileBasedConfig parsed = new FileBasedConfig(config.toFile(), FS.DETECTED);
        try {
            parsed.load();
        } catch (ConfigInvalidException e) {
            throw new IOException("git wrote a config JGit cannot read: " + e.getMessage(), e);
        }
        parsed.setString("remote", Constants.DEFAULT_REMOTE_NAME, "url", url.toString());
        parsed.save();
    }

    /**
     * A clone of a repository on this machine whose objects are hard-linked, then an ordinary fetch
     * (which finds every object present and transfers nothing) and checkout: the same repository
     * as {@link org.eclipse.jgit.api.CloneCommand} makes, at the cost of {@code git clone PATH}.
     * Empty when the source cannot be linked; the staging directory is then left empty for the
     * ordinary clone.
     */
    private Optional<Git> linkedClone(Path staging) throws GitAPIException, IOException {
        Optional<Path> source = LinkedObjects.source(url);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Git git = Git.init().setDirectory(staging.toFile()).call();
        boolean done = false;
        try {
            if (!LinkedObjects.link(source.get(), staging.resolve(Constants.DOT_GIT).resolve(Constants.OBJECTS))) {
                return Optional.empty();
            }
            Repository repo = git.getRepository();
            StoredConfig config = repo.getConfig();
            RemoteConfig origin = new RemoteConfig(config, Constants.DEFAULT_REMOTE_NAME);
            origin.addURI(new URIish(url.toString()));
            origin.addFetchRefSpec(new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES
                    + Constants.DEFAULT_REMOTE_NAME + "/*"));
            origin.update(config);
            config.save();
            FetchResult fetched = git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setCredentialsProvider(credentials)
                    .setTagOpt(TagOpt.FETCH_TAGS).call();
            String checkout = branch != null ? branch : RemoteHead.branch(fetched);
            if (checkout != null) {
                git.checkout().setCreateBranch(true).setName(checkout)
                        .setStartPoint(Constants.DEFAULT_REMOTE_NAME + "/" + checkout)
                        .setUpstreamMode(CreateBranchCommand.SetupUpstreamMode.TRACK).call();
            }
            done = true;
            return Optional.of(git);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        } finally {
            if (!done) {
                git.close();
                FileUtils.delete(staging.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
            }
        }
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked above; a move cannot replace a directory
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
    }

    private static boolean userInfo(URI url) {
        return url.getRawUserInfo() != null && url.getRawUserInfo().contains(":");
    }

    private static boolean isEmpty(Path dir) throws ConvergeException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new ConvergeException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path staging) {
        if (Files.exists(staging)) {
            try {
                FileUtils.delete(staging.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
            } catch (IOException e) {
                // A leftover staging directory is hidden and harmless; the clone's outcome matters more.
            }
        }
    }
}
