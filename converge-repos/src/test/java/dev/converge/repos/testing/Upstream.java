package dev.converge.repos.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bare repository standing in for the one at the provider, with a scratch clone to commit and
 * push through, so tests write history the way a colleague would: commit, then push.
 */
public final class Upstream implements AutoCloseable {
    private final Path bare;
    private final Git scratch;

    private Upstream(Path bare, Git scratch) {
        this.bare = bare;
        this.scratch = scratch;
    }

    /** Creates a bare repository at {@code bare} whose {@code main} has one commit adding README. */
    public static Upstream create(Path bare) throws IOException, GitAPIException {
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path work = Files.createTempDirectory("converge-scratch-");
        Git scratch = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call();
        Upstream upstream = new Upstream(bare, scratch);
        upstream.push("README.md", "# " + bare.getFileName() + "\n", "Initial commit");
        return upstream;
    }

    /** Commits one file's new content on {@code main} and pushes it; returns the new commit. */
    public String push(String file, String content, String message) throws IOException, GitAPIException {
        Path path = scratch.getRepository().getWorkTree().toPath().resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        scratch.add().addFilepattern(file).call();
        RevCommit commit = scratch.commit().setMessage(message).call();
        scratch.push().setRemote("origin").add("main").call();
        return commit.name();
    }

    public URI uri() {
        return bare.toUri();
    }

    public Path directory() {
        return bare;
    }

    /** The commit {@code main} points at in the bare repository. */
    public String head() throws IOException {
        try (Git git = Git.open(bare.toFile())) {
            ObjectId id = git.getRepository().resolve("refs/heads/main");
            return id == null ? null : id.name();
        }
    }

    @Override
    public void close() {
        scratch.close();
    }
}
