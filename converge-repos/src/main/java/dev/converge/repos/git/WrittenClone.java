package dev.converge.repos.git;

import dev.converge.core.ConvergeException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A clone of a repository on this machine with less work than {@code git clone PATH}, and the same
 * result: converge writes the new Git directory itself (the files {@code git clone --template=} leaves:
 * {@code HEAD}, {@code config}, {@code packed-refs}, the checked-out branch, {@code origin/HEAD} and the
 * three "clone: from" reflog entries, the objects hard-linked), and one {@code git checkout} fills the
 * working tree and the index.
 *
 * <p>Why: on a local fleet the cost of a clone is the file system's, not the copying. {@code git clone}
 * starts three processes (git, a shell, upload-pack just to list the refs) and rewrites its config
 * through a lock file ten times, each rewrite creating one inode and freeing another; ext4 without a
 * journal skips recently freed inodes on every later allocation, so that churn made each clone dearer
 * than the last. Here each file is written once, in place (the staging directory is converge's own
 * until it is moved into place), and one process runs.
 *
 * <p>Only the plain case is written ({@link SourceRefs}, a user whose git config changes nothing a new
 * repository holds, a file system whose behaviour git's own probes would not record in the config);
 * otherwise {@link #write} answers false before writing anything and the clone goes to {@code git clone}.
 */
final class WrittenClone {
    private static final String ZERO = "0".repeat(40);
    /** File systems with symbolic links, executable bits and case-sensitive names: git's init writes nothing of its probes there. */
    private static final Set<String> POSIX_STORES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "zfs", "f2fs",
            "overlay", "jfs", "reiserfs", "bcachefs");

    private WrittenClone() {
    }

    /**
     * Clones {@code sourceGitDir} into {@code staging} (which must not exist yet).
     *
     * @param branch the branch to check out, or {@code null} for the one the source's HEAD names
     * @return false when this case is git's to clone; {@code staging} then does not exist
     */
    static boolean write(GitBinary git, Path sourceGitDir, URI url, String branch, Path staging, int timeoutSeconds)
            throws ConvergeException, IOException {
        if (git.ownTemplate() || git.ownCloneSettings() || git.committer() == null || !plainUrl(url.toString())) {
            return false;
        }
        SourceRefs refs = SourceRefs.read(sourceGitDir).orElse(null);
        String checkout = branch != null ? branch : refs == null ? null : refs.head();
        if (refs == null || !refs.branches().containsKey(checkout) || !posixStore(staging.getParent())) {
            return false;
        }
        Path gitDir = staging.resolve(".git");
        boolean done = false;
        try {
            Files.createDirectory(staging);
            for (String dir : List.of("refs/heads", "refs/tags", "objects/info", "objects/pack")) {
                Files.createDirectories(gitDir.resolve(dir));
            }
            Files.writeString(gitDir.resolve("config"), config(url.toString(), checkout), StandardCharsets.UTF_8);
            if (!gitsProbesAgree(gitDir) || !LinkedObjects.link(sourceGitDir.resolve("objects"), gitDir.resolve("objects"))) {
                return false;
            }
            Files.writeString(gitDir.resolve("packed-refs"), packedRefs(refs), StandardCharsets.UTF_8);
            String id = refs.branches().get(checkout);
            write(gitDir.resolve("refs/heads/" + checkout), id + "\n");
            // origin/HEAD names the source's HEAD branch whatever was checked out, as git clone does.
            write(gitDir.resolve("refs/remotes/origin/HEAD"), "ref: refs/remotes/origin/" + refs.head() + "\n");
            // The reflog entries git clone writes, so `git reflog` in the new clone says where it came from.
            String entry = ZERO + " %s " + git.committer() + " " + now() + "\tclone: from " + url + "\n";
            write(gitDir.resolve("logs/refs/remotes/origin/HEAD"), entry.formatted(refs.branches().get(refs.head())));
            write(gitDir.resolve("logs/refs/heads/" + checkout), entry.formatted(id));
            write(gitDir.resolve("logs/HEAD"), entry.formatted(id));
            // HEAD last: until it exists the directory is no repository at all to anything that looks.
            Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/" + checkout + "\n", StandardCharsets.US_ASCII);
            GitCliClone.checkout(git, staging, url, timeoutSeconds);
            done = true;
            return true;
        } finally {
            if (!done) {
                CloneRepo.deleteQuietly(staging);
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The config {@code git clone} writes for a non-bare repository with its origin and the checked-out branch. */
    private static String config(String url, String branch) {
        return "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n"
                + "[remote \"origin\"]\n\turl = " + url + "\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
                + "[branch \"" + branch + "\"]\n\tremote = origin\n\tmerge = refs/heads/" + branch + "\n";
    }

    /**
     * Every branch as {@code refs/remotes/origin/*} and every tag, sorted, as git clone packs them. Peeled
     * targets are left out (the header does not claim them): git and JGit peel a tag when asked.
     */
    private static String packedRefs(SourceRefs refs) {
        Map<String, String> all = new TreeMap<>(refs.tags());
        refs.branches().forEach((name, id) -> all.put("refs/remotes/origin/" + name, id));
        StringBuilder text = new StringBuilder("# pack-refs with: sorted \n");
        // TreeMap's order is git's byte order here: SourceRefs admits only printable ASCII names.
        all.forEach((name, id) -> text.append(id).append(' ').append(name).append('\n'));
        return text.toString();
    }

    /** A config value git writes without quotes: no quote, backslash, comment character or line break. */
    private static boolean plainUrl(String url) {
        return url.chars().noneMatch(c -> c < ' ' || c == '"' || c == '\\' || c == '#' || c == ';')
                && url.equals(url.strip());
    }

    private static boolean posixStore(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return POSIX_STORES.contains(store.type());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * What git's init checks in a new repository before it writes {@code core.filemode = false} or
     * {@code core.ignorecase = true}: that the executable bit of the config file can be flipped, and
     * that {@code CoNfIg} is not the config file. Both must give git's defaults, which the config says.
     */
    private static boolean gitsProbesAgree(Path gitDir) throws IOException {
        if (Files.exists(gitDir.resolve("CoNfIg"))) {
            return false;
        }
        Path config = gitDir.resolve("config");
        PosixFileAttributeView view = Files.getFileAttributeView(config, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        Set<PosixFilePermission> before = view.readAttributes().permissions();
        Set<PosixFilePermission> flipped = java.util.EnumSet.noneOf(PosixFilePermission.class);
        flipped.addAll(before);
        if (!flipped.remove(PosixFilePermission.OWNER_EXECUTE)) {
            flipped.add(PosixFilePermission.OWNER_EXECUTE);
        }
        view.setPermissions(flipped);
        boolean trusted = view.readAttributes().permissions().equals(flipped);
        view.setPermissions(before);
        return trusted;
    }

    /** Seconds since the epoch and the zone offset, as git writes them in a reflog line. */
    private static String now() {
        ZonedDateTime now = ZonedDateTime.now();
        int minutes = now.getOffset().getTotalSeconds() / 60;
        return now.toEpochSecond() + " " + (minutes < 0 ? "-" : "+") + String.format("%02d%02d", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
    }
}
