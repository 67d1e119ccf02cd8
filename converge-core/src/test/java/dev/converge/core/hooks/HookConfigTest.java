package dev.converge.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ConfigException;
import dev.converge.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookConfigTest {
    @TempDir
    Path dir;

    private HookConfig read(String yaml) throws Exception {
        Path file = dir.resolve("converge.yaml");
        Files.writeString(file, yaml);
        return HookConfig.read(ConfigLoader.load(file).get("hooks"), Map.of("HOOK_DIR", "/opt/hooks")::get);
    }

    @Test
    void readsEachEventsCommandAndTheTimeout() throws Exception {
        HookConfig c = read("""
                hooks:
                  enabled: true
                  pre_sync: "${env:HOOK_DIR}/check"
                  on_error: notify
                  timeout: 90s
                """);

        assertThat(c.command(HookEvent.PRE_SYNC)).contains("/opt/hooks/check");
        assertThat(c.command(HookEvent.ON_ERROR)).contains("notify");
        assertThat(c.command(HookEvent.POST_SYNC)).isEmpty();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aMisspeltKeyIsNamedWhereItIsWithTheClosestKnownOne() {
        assertThatThrownBy(() -> read("""
                hooks:
                  pre_sync: check
                  post_synk: notify
                """)).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("converge.yaml:3:3: hooks.post_synk: unknown key; did you mean 'post_sync'?");
    }

    @Test
    void aBadTimeoutOrAnEmptyCommandIsAnError() {
        assertThatThrownBy(() -> read("hooks:\n  timeout: soon\n"))
                .hasMessageContaining("converge.yaml:2:").hasMessageContaining("hooks.timeout").hasMessageContaining("expected a duration");
        assertThatThrownBy(() -> read("hooks:\n  pre_sync: \"  \"\n"))
                .hasMessageContaining("hooks.pre_sync: expected a shell command");
    }

    @Test
    void noSectionIsNoHooks() throws Exception {
        assertThat(read("state: x.db\n").isEmpty()).isTrue();
    }
}
