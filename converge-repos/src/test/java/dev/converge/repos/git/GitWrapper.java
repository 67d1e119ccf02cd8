package dev.converge.repos.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code git} script in front of the real one, for tests that check what converge ran: it first
 * runs {@code record} (shell lines that log its arguments or environment somewhere), then
 * {@code body}, in which {@code GIT} stands for the real git's path.
 */
final class GitWrapper {
    private GitWrapper() {
    }

    /** Writes the executable script and returns its path. */
    static Path write(Path script, String record, String body) throws IOException {
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n" + record + body.replace("GIT", realGit()) + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String realGit() {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "git");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("no git on PATH");
    }
}
