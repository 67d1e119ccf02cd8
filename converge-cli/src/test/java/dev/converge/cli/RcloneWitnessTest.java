package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rclone, an independent client, agrees that what converge pushed equals the source. */
class RcloneWitnessTest {
    @TempDir
    Path cwd;

    @Test
    void rcloneCheckFindsNoDifferenceAfterAPush() throws Exception {
        assumeTrue(onPath("rclone"), "rclone is not installed (CI installs it)");
        for (int i = 0; i < 50; i++) {
            Path f = cwd.resolve("src/d" + (i % 5) + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content " + i + "\n".repeat(i));
        }
        Files.writeString(cwd.resolve("src/unicode é ü 文件.txt"), "名前");
        CliRun r = CliRun.run(cwd, Map.of(), "files", "push", "src", "--to", "dir:dst", "--create");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(rcloneCheck()).isZero();

        Files.writeString(cwd.resolve("src/d1/f1.txt"), "edited");
        Files.delete(cwd.resolve("src/d2/f2.txt"));
        assertThat(rcloneCheck()).as("rclone sees the difference before the push").isNotZero();
        r = CliRun.run(cwd, Map.of(), "files", "push", "src", "--to", "dir:dst", "--delete");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(rcloneCheck()).isZero();
    }

    private int rcloneCheck() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("rclone", "check", "--config", "/dev/null", cwd.resolve("src").toString(),
                cwd.resolve("dst").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return p.exitValue();
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
