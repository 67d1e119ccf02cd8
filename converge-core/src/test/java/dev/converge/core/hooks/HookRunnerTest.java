package dev.converge.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook runner against real shell scripts: what they read, see and print, and how they end. */
class HookRunnerTest {
    @TempDir
    Path dir;

    private final List<String> output = new CopyOnWriteArrayList<>();

    private HookRunner runner(Duration timeout, Map<String, String> env) {
        return new HookRunner(dir, HookEnvironment.withoutSecrets(env), timeout, output::add);
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true);
        return file;
    }

    @Test
    void aHookReadsItsPayloadOnStdinSeesTheConvergeVariablesAndRunsInItsDirectory() throws Exception {
        script("hook.sh", """
                cat > got.json
                echo "$CONVERGE_HOOK $CONVERGE_RUN_ID $(pwd)"
                echo "to stderr" >&2
                """);

        HookResult r = runner(Duration.ofSeconds(30), Map.of()).run(HookEvent.POST_SYNC, "./hook.sh",
                "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), Map.of("CONVERGE_HOOK", "post_sync", "CONVERGE_RUN_ID", "r1"));

        assertThat(r.isSuccessful()).as(r.toString()).isTrue();
        assertThat(Files.readString(dir.resolve("got.json"))).isEqualTo("{\"a\":1}\n");
        assertThat(output).containsExactlyInAnyOrder("hook post_sync: post_sync r1 " + dir.toRealPath(), "hook post_sync: to stderr");
    }

    @Test
    void aNonZeroExitIsReportedWithItsCode() {
        HookResult r = runner(Duration.ofSeconds(30), Map.of()).run(HookEvent.PRE_SYNC, "exit 7", new byte[0], Map.of());

        assertThat(r.isSuccessful()).isFalse();
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.describe(Duration.ofSeconds(30))).isEqualTo("exited 7");
    }

    @Test
    void aHookThatIgnoresALargePayloadStillEnds() {
        byte[] big = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);

        HookResult r = runner(Duration.ofSeconds(60), Map.of()).run(HookEvent.POST_SYNC, "exit 0", big, Map.of());

        assertThat(r.isSuccessful()).as(r.toString()).isTrue();
    }

    @Test
    void aHangingHookIsKilledWithWhatItStartedAndReportedAsTimedOut() throws Exception {
        script("hang.sh", """
                echo $$ > sh.pid
                sleep 600 &
                echo $! > child.pid
                wait
                """);

        HookResult r = runner(Duration.ofMillis(1500), Map.of()).run(HookEvent.PRE_SYNC, "./hang.sh", new byte[0], Map.of());

        assertThat(r.timedOut()).isTrue();
        assertThat(r.isSuccessful()).isFalse();
        assertThat(r.describe(Duration.ofMillis(1500))).isEqualTo("timed out after 1500ms and was killed");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        // Killed is not yet reaped: wait for the exit to be seen rather than race it.
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the sleep it started").isFalse();
    }

    @Test
    void secretsAreNotHandedToHooks() throws Exception {
        Redactor.global().register("s3cr3t-registered-value");
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_" + "a".repeat(36), "MY_API_KEY", "k-123456",
                "HARMLESS", "s3cr3t-registered-value", "LANG", "C.UTF-8", "AZURE_DEVOPS_PAT", "pat-value-1234",
                "LD_LIBRARY_PATH", "/opt/lib");

        runner(Duration.ofSeconds(30), env).run(HookEvent.POST_SYNC, "env > env.txt", new byte[0], Map.of());

        String seen = Files.readString(dir.resolve("env.txt"));
        assertThat(seen).contains("LANG=C.UTF-8").contains("PATH=").contains("LD_LIBRARY_PATH=/opt/lib");
        assertThat(seen).doesNotContain("pat-value-1234");
        assertThat(seen).doesNotContain("GITHUB_TOKEN").doesNotContain("MY_API_KEY").doesNotContain("s3cr3t-registered-value");
    }

    @Test
    void aHookThatCannotStartIsAFailureNotAnException() {
        HookRunner r = new HookRunner(dir.resolve("missing"), Map.of(), Duration.ofSeconds(5), output::add);

        HookResult result = r.run(HookEvent.ON_ERROR, "true", new byte[0], Map.of());

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.describe(Duration.ofSeconds(5))).startsWith("could not start: ");
    }
}
