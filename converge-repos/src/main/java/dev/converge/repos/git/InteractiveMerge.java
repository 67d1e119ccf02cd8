package dev.converge.repos.git;

import dev.converge.repos.git.ConflictedFile.Side;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settles a merge JGit left in conflict by asking, file by file, through a {@link ConflictPrompt}:
 * take the local hunks, the upstream hunks, or the file as the user saves it from their editor.
 * Each answer is staged; when every file is settled the caller commits. Answering "skip" (or
 * running out of answers) stops at once, and the caller aborts the whole merge, because a merge
 * half decided is worse than none.
 */
final class InteractiveMerge {
    /** A conflict marker line as Git and JGit write them, which a saved file must no longer hold. */
    private static final Pattern MARKER = Pattern.compile("(?m)^(<<<<<<<|>>>>>>>|\\|\\|\\|\\|\\|\\|\\|)( .*)?$|^=======$");

    private final Git git;
    private final ConflictPrompt prompt;
    private final String label;

    /**
     * @param git    the repository, mid-merge with conflict markers in its working tree
     * @param prompt who decides
     * @param label  how the repository is named in the questions
     */
    InteractiveMerge(Git git, ConflictPrompt prompt, String label) {
        this.git = git;
        this.prompt = prompt;
        this.label = label;
    }

    /**
     * Asks about each conflicting path and stages the answers.
     *
     * @return how each file was settled ("README.md: upstream"), or empty when the user skipped
     */
    Optional<List<String>> resolve(List<String> paths, ObjectId base, ObjectId local, ObjectId upstream)
            throws IOException, GitAPIException {
        List<String> decisions = new ArrayList<>();
        // The whole repository is one conversation: hold the prompt so parallel merges wait their turn.
        synchronized (prompt) {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                ConflictedFile file = new ConflictedFile(path, blob(base, path), blob(local, path), blob(upstream, path));
                show(file, i + 1, paths.size());
                Optional<String> decision = decide(file);
                if (decision.isEmpty()) {
                    return Optional.empty();
                }
                decisions.add(path + ": " + decision.get());
            }
        }
        return Optional.of(decisions);
    }

    private void show(ConflictedFile file, int index, int count) {
        StringBuilder text = new StringBuilder();
        text.append("conflict in ").append(label).append(": ").append(file.path())
                .append(" (file ").append(index).append(" of ").append(count).append(")\n");
        if (!file.hasHunks()) {
            text.append(file.local() == null ? "  deleted locally, changed upstream\n"
                    : file.upstream() == null ? "  changed locally, deleted upstream\n"
                    : "  binary content changed on both sides\n");
        }
        List<ConflictedFile.Hunk> hunks = file.hunks();
        for (int h = 0; h < hunks.size(); h++) {
            text.append("hunk ").append(h + 1).append(" of ").append(hunks.size()).append('\n');
            text.append("  local:\n").append(indent(hunks.get(h).local()));
            text.append("  upstream:\n").append(indent(hunks.get(h).upstream()));
        }
        prompt.show(text.toString());
    }

    /** Asks until the file is settled; empty means skip. */
    private Optional<String> decide(ConflictedFile file) throws IOException, GitAPIException {
        boolean editable = file.hasHunks();
        String question = editable ? "[l]ocal, [u]pstream, [e]dit in $EDITOR, [s]kip this repository? "
                : "[l]ocal, [u]pstream, [s]kip this repository? ";
        while (true) {
            String answer = prompt.ask(question);
            if (answer == null) {
                return Optional.empty();
            }
            switch (answer.strip().toLowerCase(Locale.ROOT)) {
                case "l", "local" -> {
                    take(file, Side.LOCAL);
                    return Optional.of("local");
                }
                case "u", "upstream" -> {
                    take(file, Side.UPSTREAM);
                    return Optional.of("upstream");
                }
                case "e", "edit" -> {
                    if (!editable) {
                        prompt.show("there is no text to edit in " + file.path() + "\n");
                    } else if (edited(file)) {
                        return Optional.of("edited");
                    }
                }
                case "s", "skip" -> {
                    return Optional.empty();
                }
                default -> prompt.show("answer l, u, " + (editable ? "e " : "") + "or s\n");
            }
        }
    }

    /** Opens the file as the merge left it, markers and all; takes it when no marker is left. */
    private boolean edited(ConflictedFile file) throws IOException, GitAPIException {
        Path onDisk = workTree().resolve(file.path());
        prompt.edit(onDisk);
        if (!Files.isRegularFile(onDisk)) {
            prompt.show(file.path() + " is gone after the edit; choose again\n");
            return false;
        }
        String saved = new String(Files.readAllBytes(onDisk), StandardCharsets.UTF_8);
        if (MARKER.matcher(saved).find()) {
            prompt.show(file.path() + " still has conflict markers; edit again or choose another answer\n");
            return false;
        }
        git.add().addFilepattern(file.path()).call();
        return true;
    }

    private void take(ConflictedFile file, Side side) throws IOException, GitAPIException {
        Path onDisk = workTree().resolve(file.path());
        Optional<byte[]> content = file.resolved(side);
        if (content.isPresent()) {
            Files.createDirectories(onDisk.getParent());
            Files.write(onDisk, content.get());
            git.add().addFilepattern(file.path()).call();
        } else {
            git.rm().addFilepattern(file.path()).call();
        }
    }

    private Path workTree() {
        return git.getRepository().getWorkTree().toPath();
    }

    /** A file's content in a commit, or {@code null} when the commit has no such file. */
    private byte[] blob(ObjectId commit, String path) throws IOException {
        if (commit == null) {
            return null;
        }
        Repository repo = git.getRepository();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tree = TreeWalk.forPath(reader, path, c.getTree())) {
                return tree == null ? null : reader.open(tree.getObjectId(0)).getBytes();
            }
        }
    }

    private static String indent(String lines) {
        if (lines.isEmpty()) {
            return "    (nothing)\n";
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines.split("\n", -1)) {
            out.append("    ").append(line).append('\n');
        }
        // split keeps an empty last element after a final newline; drop its line.
        return lines.endsWith("\n") ? out.substring(0, out.length() - 5) : out.toString();
    }
}
