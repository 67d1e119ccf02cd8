package dev.converge.remotes;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Real repositories for the remotes tests: a work repository, bare mirrors, other clones, and
 * the git CLI (with its own HOME and no system config) as the independent witness.
 */
final class GitFixture implements AutoCloseable {
    final Path root;
    final Git work;
    private int commits;

    GitFixture(Path root) throws Exception {
        this.root = root;
        Files.createDirectories(root.resolve("home"));
        this.work = Git.init().setDirectory(root.resolve("work").toFile()).setInitialBranch("main").call();
        commit("first");
    }

    /** A new commit on the checked-out branch. */
    RevCommit commit(String message) throws Exception {
        Path file = work.getRepository().getWorkTree().toPath().resolve("file.txt");
        Files.writeString(file, message + " " + (++commits) + "\n");
        work.add().addFilepattern("file.txt").call();
        return work.commit().setMessage(message).setSign(false).call();
    }

    /** A bare repository under the fixture root, added to the work repository as a remote. */
    Path bareRemote(String name) throws Exception {
        Path dir = root.resolve("remotes").resolve(name + ".git");
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        addRemote(name, dir.toUri().toString());
        return dir;
    }

    void addRemote(String name, String url) throws IOException {
        StoredConfig config = work.getRepository().getConfig();
        config.setString("remote", name, "url", url);
        config.setString("remote", name, "fetch", "+refs/heads/*:refs/remotes/" + name + "/*");
        config.save();
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs the git CLI in {@code dir}; fails the test on a non-zero exit. */
    String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", root.resolve("home").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Other");
        env.put("GIT_AUTHOR_EMAIL", "other@example.com");
        env.put("GIT_COMMITTER_NAME", "Other");
        env.put("GIT_COMMITTER_EMAIL", "other@example.com");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** What {@code git ls-remote --heads} says the remote at {@code url} holds: branch to SHA. */
    Map<String, String> lsRemote(String url) throws Exception {
        Map<String, String> heads = new TreeMap<>();
        for (String line : git(root, "ls-remote", "--heads", url).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t");
                heads.put(parts[1].substring("refs/heads/".length()), parts[0]);
            }
        }
        return heads;
    }

    Map<String, String> lsRemote(Path bare) throws Exception {
        return lsRemote(bare.toUri().toString());
    }

    /**
     * Rewrites a branch on a remote from another clone with {@code git push --force}: the remote then
     * holds a commit the work repository has never seen.
     */
    String rewriteFromOtherClone(Path bare, String branch) throws Exception {
        Path other = root.resolve("other-" + System.nanoTime());
        git(root, "clone", "-q", "--branch", branch, bare.toUri().toString(), other.toString());
        Files.writeString(other.resolve("file.txt"), "rewritten elsewhere\n");
        git(other, "commit", "-q", "-a", "--amend", "-m", "rewritten elsewhere");
        git(other, "push", "-q", "--force", "origin", branch);
        return git(other, "rev-parse", "HEAD").trim();
    }

    /** Adds a commit to a remote from another clone (the work repository is then behind). */
    String advanceFromOtherClone(Path bare, String branch) throws Exception {
        Path other = root.resolve("other-" + System.nanoTime());
        git(root, "clone", "-q", "--branch", branch, bare.toUri().toString(), other.toString());
        Files.writeString(other.resolve("other.txt"), "from elsewhere " + System.nanoTime() + "\n");
        git(other, "add", "other.txt");
        git(other, "commit", "-q", "-m", "from elsewhere");
        git(other, "push", "-q", "origin", branch);
        return git(other, "rev-parse", "HEAD").trim();
    }

    ObjectId head() throws IOException {
        return work.getRepository().resolve("HEAD");
    }

    String headSha() throws IOException {
        return head().name();
    }

    @Override
    public void close() {
        work.close();
    }
}
