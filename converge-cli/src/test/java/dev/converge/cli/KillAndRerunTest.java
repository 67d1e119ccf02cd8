package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push killed with SIGKILL midway, then run again, ends with the target equal to the source, and
 * nothing the killed run had recorded is uploaded a second time.
 */
class KillAndRerunTest {
    private static final int FILES = 4000;

    @TempDir
    Path cwd;

    @Test
    void aKilledPushIsCompletedByTheNextRun() throws Exception {
        Path src = cwd.resolve("src");
        Random random = new Random(42);
        for (int i = 0; i < FILES; i++) {
            Path f = src.resolve("d" + (i % 40)).resolve("f" + i + ".bin");
            Files.createDirectories(f.getParent());
            byte[] data = new byte[1024 + random.nextInt(7 * 1024)];
            random.nextBytes(data);
            Files.write(f, data);
        }
        Path state = cwd.resolve("state.db");

        Process child = new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(),
                "files", "push", src.toString(), "--to", "dir:" + cwd.resolve("dst"), "--create", "--concurrency", "1",
                "--state", state.toString(), "-q")
                .redirectErrorStream(true).redirectOutput(cwd.resolve("child.log").toFile()).start();
        int recordedAtKill = waitForRecordedBases(state, child);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(recordedAtKill).as("killed midway, after some bases were recorded").isBetween(1, FILES - 1);

        Set<String> recorded = recordedItems(state);
        CliRun rerun = CliRun.run(cwd, Map.of(), "files", "push", "src", "--to", "dir:dst", "--state", state.toString(), "--json");
        assertThat(rerun.exit).as(rerun.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(rerun.out);
        for (JsonNode item : report.get("items")) {
            assertThat(recorded).as("recorded before the kill, so not uploaded again").doesNotContain(item.get("id").asText());
        }
        assertThat(treeOf(cwd.resolve("dst"))).isEqualTo(treeOf(src));
        assertThat(CliRun.run(cwd, Map.of(), "files", "push", "src", "--to", "dir:dst", "--state", state.toString(), "--json").out)
                .contains("\"items\" : [ ]");
    }

    /** Polls the state file (read-only, as another process would) until the child has recorded some bases. */
    private static int waitForRecordedBases(Path state, Process child) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(state)) {
                int n = count(state);
                if (n > 0) {
                    return n;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return child.isAlive() ? 0 : FILES;
    }

    private static int count(Path state) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + state + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM bases")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0; // schema not created yet
        }
    }

    private static Set<String> recordedItems(Path state) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT item_id FROM bases")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Map<String, Long> treeOf(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            Map<String, Long> out = new java.util.TreeMap<>();
            for (Path p : files) {
                out.put(root.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)) & 0xffffffffL);
            }
            return out;
        }
    }
}
