package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache.FileKey;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small helpers the Git commands share: opening a clone, naming faults, comparing remote URLs. */
final class GitRepos {
    private GitRepos() {
    }

    /** Whether a directory is the working tree of a (non-bare) Git repository. */
    static boolean isWorkingRepository(Path directory) {
        Path dotGit = directory.resolve(Constants.DOT_GIT);
        return Files.exists(dotGit) && (Files.isRegularFile(dotGit)
                || FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED));
    }

    static Git open(Path directory) throws ConvergeException {
        try {
            Repository repo = new FileRepositoryBuilder().setWorkTree(directory.toFile()).findGitDir(directory.toFile())
                    .setMustExist(true).build();
            return new Git(repo, true);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConvergeException("cannot open repository " + directory + ": " + e.getMessage(), e);
        }
    }

    static Path workTree(Repository repo) {
        return repo.isBare() ? repo.getDirectory().toPath() : repo.getWorkTree().toPath();
    }

    /**
     * Turns a transport failure into a fault that says whether trying again may help: a refused
     * or reset connection or a server error may pass, bad credentials or a missing repository won't.
     */
    static RemoteException transportFault(String what, GitAPIException e) {
        // An InvalidRemoteException says only "Invalid remote: origin"; its cause says what the server answered.
        Throwable said = e instanceof InvalidRemoteException && e.getCause() != null ? e.getCause() : e;
        String message = said.getMessage() == null ? said.getClass().getSimpleName() : said.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        int status = 0;
        boolean transientFault = true;
        if (lower.contains("not authorized") || lower.contains("authentication is required") || statusIn(lower, "401")) {
            status = 401;
            transientFault = false;
        } else if (statusIn(lower, "403") || lower.contains("forbidden") || lower.contains("not permitted")) {
            // A token without access to the repository; a host's secondary rate limit comes as a 403
            // too, and the host throttle tells it apart by its message.
            status = 403;
            transientFault = false;
        } else if (lower.contains("not found") || statusIn(lower, "404") || lower.contains("not exist")) {
            status = 404;
            transientFault = false;
        } else if (statusIn(lower, "429") || lower.contains("too many requests")) {
            status = 429;
        }
        return new RemoteException(what + ": " + message, status, transientFault, e);
    }

    /**
     * Whether a message holds an HTTP status as a number of its own: not inside a longer number,
     * nor as the port of the URL JGit puts in front of its messages ({@code 127.0.0.1:40123}).
     */
    private static boolean statusIn(String message, String status) {
        return java.util.regex.Pattern.compile("(?<![\\d:])" + status + "(?!\\d)").matcher(message).find();
    }

    /**
     * Whether two remote URLs name the same repository: compared without credentials, a
     * trailing {@code .git} or slash, case in the host, and with {@code file:} URLs as paths.
     */
    static boolean sameRemote(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String url) {
        try {
            URIish u = new URIish(url).setUser(null).setPass(null);
            String path = u.getPath() == null ? "" : u.getPath();
            if (u.getScheme() == null || "file".equals(u.getScheme())) {
                path = Path.of(path).toAbsolutePath().normalize().toString();
            }
            path = path.replaceAll("/+$", "");
            if (path.endsWith(Constants.DOT_GIT_EXT)) {
                path = path.substring(0, path.length() - Constants.DOT_GIT_EXT.length());
            }
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            return host + ":" + (u.getPort() > 0 ? u.getPort() : "") + ":" + path;
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /** A remote URL as it may be shown to a user: any credentials in it removed. */
    static String displayable(String url) {
        try {
            return new URIish(url).setUser(null).setPass(null).toString();
        } catch (URISyntaxException e) {
            return "<unparseable URL>";
        }
    }
}
