package dev.converge.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The training run for the launcher's class-data-sharing archive: one JVM runs a small real command
 * of each kind (a files push to {@code dir:}, a repos sync from a local root, a remotes status) in a
 * scratch directory, so the archive dumped at exit holds the classes every kind needs, not only
 * those of whichever command happened to run first. Its output is thrown away; a command that fails
 * here only makes the archive less complete.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException, GitAPIException {
        Path scratch = Files.createTempDirectory("converge-training");
        try {
            train(scratch);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void train(Path scratch) throws IOException, GitAPIException {
        Path files = Files.createDirectories(scratch.resolve("src/d"));
        Files.writeString(files.resolve("f.txt"), "training\n");
        Path bare = scratch.resolve("root/team/app.git");
        Path work = scratch.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README"), "training\n");
            git.add().addFilepattern("README").call();
            PersonIdent who = new PersonIdent("converge", "converge@localhost");
            git.commit().setMessage("training").setAuthor(who).setCommitter(who).call();
            Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
            git.remoteAdd().setName("mirror").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toURL())).call();
        }
        String state = scratch.resolve("state.db").toString();
        run(scratch, "files", "push", "src", "--to", "dir:" + scratch.resolve("dst"), "--create", "--state", state,
                "--report-file", scratch.resolve("r.html").toString());
        run(scratch, "files", "status", "src", "--to", "dir:" + scratch.resolve("dst"), "--state", state, "--json");
        run(scratch, "repos", "sync", "**", "--provider", "local", "--root", scratch.resolve("root").toString(),
                "--into", scratch.resolve("fleet").toString(), "--state", state);
        run(work, "remotes", "status", "--state", state);
        run(scratch, "history", "--state", state, "--json");
        run(scratch, "--help");
        // an S3 run needs no server here: the lean S3 path's classes are trained without the network
        try {
            dev.converge.files.s3.S3Training.run();
        } catch (Exception e) {
            // only a less complete archive
        }
    }

    private static void run(Path cwd, String... args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Main.run(new CliContext(sink, sink, Map.of(), cwd, false), args);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
