package dev.converge.remotes.hook;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Git hooks that run converge, so that mirrors follow a plain {@code git commit} or
 * {@code git push}. A hook converge did not write is never overwritten: it may hold someone's
 * work, and the user is told to chain it instead.
 */
public final class HookInstaller {
    /** The line by which converge knows a hook as its own. */
    static final String MARKER = "# installed by converge remotes install-hook";

    /** The hooks converge can install. */
    public enum Hook {
        /**
         * Before {@code git push} sends anything: pushes the current branch to the mirrors. Never
         * vetoes the user's push; failures land in the offline queue.
         */
        PRE_PUSH("pre-push"),
        /** After each commit: pushes the new commit to the mirrors in the background, output to a log. */
        POST_COMMIT("post-commit");

        private final String fileName;

        Hook(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    private final Repository repository;
    private final String converge;

    /**
     * @param repository the repository whose hooks directory is written
     * @param converge   how the hook calls converge (a command on PATH, or an absolute path)
     */
    public HookInstaller(Repository repository, String converge) {
        this.repository = repository;
        this.converge = converge;
    }

    /**
     * Writes the hooks, executable.
     *
     * @return the files written
     * @throws UsageException when a hook of that name exists and converge did not write it
     */
    public List<Path> install(List<Hook> hooks) throws ConvergeException {
        Path dir = hooksDirectory();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Hook hook : hooks) {
                Path file = dir.resolve(hook.fileName());
                if (Files.exists(file) && !Files.readString(file).contains(MARKER)) {
                    throw new UsageException(file + " exists and was not written by converge; left as it is. "
                            + "Add this line to it instead: " + command(hook));
                }
                Files.writeString(file, script(hook));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                written.add(file);
            }
        } catch (IOException e) {
            throw new ConvergeException("cannot write hooks in " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private Path hooksDirectory() {
        String configured = repository.getConfig().getString("core", null, "hooksPath");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return p.isAbsolute() ? p : repository.getWorkTree().toPath().resolve(p);
        }
        return repository.getDirectory().toPath().resolve("hooks");
    }

    private String command(Hook hook) {
        String push = quote(converge) + " remotes push --quiet";
        return switch (hook) {
            case PRE_PUSH -> push + " || true";
            case POST_COMMIT -> "(" + push + " >> \"$(git rev-parse --git-dir)/converge-hook.log\" 2>&1 &)";
        };
    }

    private String script(Hook hook) {
        // CONVERGE_HOOK guards against a loop should converge ever push through the git CLI.
        return "#!/bin/sh\n" + MARKER + "\n"
                + "[ -n \"$CONVERGE_HOOK\" ] && exit 0\n"
                + "export CONVERGE_HOOK=1\n"
                + command(hook) + "\n"
                + "exit 0\n";
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
