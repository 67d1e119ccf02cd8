package dev.converge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.UsageException;
import dev.converge.core.secret.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    private ConfigNode config(String yaml) throws Exception {
        Path file = dir.resolve("converge.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    @Test
    void envNameFollowsTheKeyPath() {
        assertThat(Settings.envName("files.concurrency")).isEqualTo("CONVERGE_FILES_CONCURRENCY");
        assertThat(Settings.envName("files.s3.max-delete")).isEqualTo("CONVERGE_FILES_S3_MAX_DELETE");
    }

    @Test
    void laterSourcesWinAndEachValueSaysWhereItCameFrom() throws Exception {
        Path file = dir.resolve("converge.yaml");
        ConfigNode root = config("""
                files:
                  concurrency: 6
                """);
        Map<String, String> env = new HashMap<>();

        assertThat(new Settings(ConfigNode.empty(), env::get).integer("files.concurrency", "--concurrency", null, 8, 1))
                .isEqualTo(new dev.converge.core.config.Setting<>("files.concurrency", 8, "default", false));

        Settings fromFile = new Settings(root, env::get);
        var s = fromFile.integer("files.concurrency", "--concurrency", null, 8, 1);
        assertThat(s.value()).isEqualTo(6);
        assertThat(s.origin()).isEqualTo(file + ":2");

        env.put("CONVERGE_FILES_CONCURRENCY", "12");
        s = new Settings(root, env::get).integer("files.concurrency", "--concurrency", null, 8, 1);
        assertThat(s.value()).isEqualTo(12);
        assertThat(s.origin()).isEqualTo("env CONVERGE_FILES_CONCURRENCY");

        Settings all = new Settings(root, env::get);
        s = all.integer("files.concurrency", "--concurrency", 3, 8, 1);
        assertThat(s.value()).isEqualTo(3);
        assertThat(s.origin()).isEqualTo("flag --concurrency");
        assertThat(all.resolved()).containsExactly(s);
    }

    @Test
    void badNumbersBooleansAndDurationsSayWhatWasExpected() throws Exception {
        ConfigNode root = config("""
                files:
                  concurrency: lots
                  delete: maybe
                  timeout: soon
                  workers: 0
                """);
        Settings settings = new Settings(root, Map.<String, String>of()::get);
        assertThatThrownBy(() -> settings.integer("files.concurrency", "--concurrency", null, 8, 1))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("files.concurrency")
                .hasMessageContaining(":2")
                .hasMessageContaining("expected a whole number, was 'lots'");
        assertThatThrownBy(() -> settings.bool("files.delete", "--delete", null, false))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("files.delete")
                .hasMessageContaining("expected true or false, was 'maybe'");
        assertThatThrownBy(() -> settings.duration("files.timeout", "--timeout", null, Duration.ofSeconds(30)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("files.timeout")
                .hasMessageContaining("expected a duration such as 500ms, 30s");
        assertThatThrownBy(() -> settings.integer("files.workers", null, null, 8, 1))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must be at least 1, was 0");
    }

    @Test
    void goodBooleansAndDurationsParse() throws Exception {
        Map<String, String> env = Map.of("CONVERGE_FILES_DELETE", "yes", "CONVERGE_FILES_TIMEOUT", "90s");
        Settings settings = new Settings(null, env::get);
        assertThat(settings.bool("files.delete", "--delete", null, false).value()).isTrue();
        assertThat(settings.bool("files.dry", "--dry-run", null, false).value()).isFalse();
        assertThat(settings.duration("files.timeout", null, null, Duration.ofSeconds(30)).value())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.duration("files.wait", null, null, Duration.ofMinutes(5)).value()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void secretSettingsAreMaskedWhenShownAndRegistered() throws Exception {
        String secret = "key-" + System.nanoTime() + "-abc";
        Settings settings = new Settings(null, Map.of("CONVERGE_FILES_AZURE_KEY", secret)::get);
        var s = settings.string("files.azure.key", "--key", null, null, true);
        assertThat(s.value()).isEqualTo(secret);
        assertThat(s.shown()).isEqualTo("****").doesNotContain(secret);
        assertThat(Redactor.global().redact(secret)).isEqualTo(Redactor.MASK);
    }

    @Test
    void aRepositoryFileOverlaidOnTheUsersWinsKeyByKeyAndEachValueKeepsItsFile() throws Exception {
        Path userFile = Files.writeString(dir.resolve("user.yaml"), "retry:\n  attempts: 2\n  jitter: false\nparallel: true\n");
        Path repoFile = Files.writeString(dir.resolve("repo.yaml"), "retry:\n  attempts: 5\nparallel: maybe\n");

        Settings settings = new Settings(ConfigNode.overlay(ConfigLoader.load(userFile), ConfigLoader.load(repoFile)),
                Map.<String, String>of()::get);

        assertThat(settings.integer("retry.attempts", null, null, 1, 1).origin()).isEqualTo(repoFile + ":2");
        assertThat(settings.bool("retry.jitter", null, null, true).origin()).isEqualTo(userFile + ":3");
        // A bad value in a file is named by file, line, column and key, as every config error is.
        assertThatThrownBy(() -> settings.bool("parallel", null, null, true))
                .isInstanceOf(UsageException.class)
                .hasMessage(repoFile + ":3:1: parallel: expected true or false, was 'maybe'");
    }
}
