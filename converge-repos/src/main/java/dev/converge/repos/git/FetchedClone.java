package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A clone over HTTP(S) with less work than {@code git clone URL}, and the same result: converge writes
 * the new repository's {@code HEAD} and {@code config} ({@link WrittenClone#init}), one {@code git fetch}
 * brings every branch and tag and keeps the received pack, converge writes the branch, {@code origin/HEAD}
 * and the clone's reflog entries, and one {@code git checkout} fills the working tree.
 *
 * <p>Why: besides the transfer, {@code git clone} rewrites its config through a lock file about ten
 * times and probes the file system with files it deletes again (on ext4 without a journal each freed
 * inode is skipped by every later allocation for a while), and a small fetch would otherwise be unpacked
 * into one file and one fan-out directory per object. A 3-commit clone creates ~19 inodes here
 * against ~40 (and ~24 freed) for {@code git clone}.
 *
 * <p>Used only when the branch to check out is the remote's default branch (it is what
 * {@code origin/HEAD} names, and a fetch does not learn the remote's HEAD) and the case is plain
 * ({@link WrittenClone#plainCase}); otherwise, or when the remote lacks that branch (an empty
 * repository), {@link #clone} answers false with nothing left behind and git clone does the work.
 */
final class FetchedClone {
    private FetchedClone() {
    }

    /** Whether this class clones from {@code url} at all: HTTP and HTTPS, the transports providers serve. */
    static boolean handles(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * Clones {@code url} into {@code staging} (which must not exist yet), checking out {@code defaultBranch}.
     *
     * @return false when this case is git clone's; {@code staging} then does not exist
     */
    static boolean clone(GitBinary git, URI url, String defaultBranch, CredentialsProvider credentials, Path staging,
                         int timeoutSeconds) throws ConvergeException, IOException {
        if (defaultBranch == null || !handles(url) || !WrittenClone.plainCase(git, url) || !plainBranch(defaultBranch)
                || !WrittenClone.posixStore(staging.getParent())) {
            return false;
        }
        Path gitDir = staging.resolve(".git");
        boolean done = false;
        try {
            if (!WrittenClone.init(staging, url.toString(), defaultBranch)) {
                return false;
            }
            Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/" + defaultBranch + "\n", StandardCharsets.US_ASCII);
            GitCliClone.fetch(git, staging, url, credentials, timeoutSeconds);
            Path fetched = gitDir.resolve("refs/remotes/origin/" + defaultBranch);
            String id = Files.isRegularFile(fetched) ? Files.readString(fetched, StandardCharsets.US_ASCII).strip() : "";
            if (!ObjectId.isId(id)) {
                return false; // no such branch there (an empty repository, say): git clone says what it makes of it
            }
            WrittenClone.write(gitDir.resolve("refs/heads/" + defaultBranch), id + "\n");
            WrittenClone.write(gitDir.resolve("refs/remotes/origin/HEAD"), "ref: refs/remotes/origin/" + defaultBranch + "\n");
            WrittenClone.reflogs(git, gitDir, url, defaultBranch, id, defaultBranch, id);
            GitCliClone.checkout(git, staging, url, timeoutSeconds);
            done = true;
            return true;
        } finally {
            if (!done) {
                CloneRepo.deleteQuietly(staging);
            }
        }
    }

    /** A branch name written as it is into a file name and a config section. */
    private static boolean plainBranch(String branch) {
        return branch.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\\')
                && !branch.contains("..") && !branch.startsWith("/") && !branch.endsWith("/") && !branch.endsWith(".lock");
    }
}
