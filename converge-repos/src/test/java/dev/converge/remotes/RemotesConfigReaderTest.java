package dev.converge.remotes;

import dev.converge.core.ConfigException;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.config.ConfigLoader;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import dev.converge.remotes.config.ForcePush;
import dev.converge.remotes.config.RemotesConfig;
import dev.converge.remotes.config.RemotesConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemotesConfigReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(tmp.resolve(name), yaml);
    }

    /** The files layered as the CLI layers them: each later one over the earlier, key by key. */
    private static Settings settings(Function<String, String> env, Path... files) throws ConvergeException {
        ConfigNode root = ConfigNode.empty();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                root = ConfigNode.overlay(root, ConfigLoader.load(file));
            }
        }
        return new Settings(root, env);
    }

    private static RemotesConfig read(Path... files) throws ConvergeException {
        return RemotesConfigReader.read(settings(name -> null, files));
    }

    @Test
    void readsTheIssuesExample() throws Exception {
        Path file = write(".converge.yaml", """
                remotes:
                  origin:          { priority: 1, branches: ["*"], force_push: block }
                  github-mirror:   { priority: 2, branches: ["main", "release/*"], force_push: warn }
                  internal-server: { priority: 3, branches: ["main"], vpn: corporate }
                vpn:
                  corporate: { connect_cmd: "vpn up", disconnect_cmd: "vpn down", check_cmd: "vpn status", timeout: 30s }
                parallel: true
                offline_queue: true
                retry: { attempts: 4, base_delay: 1s, max_delay: 30s, jitter: true }
                files: { whatever: the files kind owns this }
                """);

        RemotesConfig config = read(file);

        assertThat(config.remotes()).containsOnlyKeys("origin", "github-mirror", "internal-server");
        assertThat(config.remotes().get("github-mirror").forcePush()).isEqualTo(ForcePush.WARN);
        assertThat(config.remotes().get("github-mirror").mirrors("release/2.1")).isTrue();
        assertThat(config.remotes().get("github-mirror").mirrors("feature/x")).isFalse();
        assertThat(config.remotes().get("github-mirror").branches().get(1).where()).isEqualTo(file + ":3:54");
        assertThat(config.remotes().get("internal-server").vpn()).isEqualTo("corporate");
        assertThat(config.vpns().get("corporate").timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retry().attempts()).isEqualTo(4);
        assertThat(config.discover()).isTrue();
    }

    @Test
    void aForcePushValueThatIsNoneOfTheThreeNamesFileLineAndKey() throws Exception {
        Path file = write(".converge.yaml", """
                remotes:
                  origin:
                    priority: 1
                    force_push: sometimes
                """);

        assertThatThrownBy(() -> read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4:5: remotes.origin.force_push: 'sometimes' is not one of block, warn, allow");
    }

    @Test
    void aVpnThatIsNotDefinedIsAnError() throws Exception {
        Path file = write(".converge.yaml", """
                remotes:
                  internal: { vpn: corprate }
                vpn:
                  corporate: { connect_cmd: "true" }
                """);

        assertThatThrownBy(() -> read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2:").hasMessageContaining("vpn 'corprate' is not defined; defined: corporate");
    }

    @Test
    void aMisspeltKeyGetsASuggestion() throws Exception {
        Path file = write(".converge.yaml", """
                remotes:
                  origin: { priorty: 1 }
                """);

        assertThatThrownBy(() -> read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2:13: remotes.origin.priorty: unknown key; did you mean 'priority'?");
    }

    @Test
    void theRepositoryFileOverridesTheUsersKeyByKey() throws Exception {
        Path user = write("user.yaml", """
                vpn:
                  corporate: { connect_cmd: "vpn up", timeout: 5s }
                retry: { attempts: 2 }
                """);
        Path repo = write("repo.yaml", """
                remotes:
                  internal: { vpn: corporate }
                discover: false
                retry: { base_delay: 10ms }
                """);

        RemotesConfig config = read(user, repo, tmp.resolve("absent.yaml"));

        assertThat(config.vpns()).containsKey("corporate");
        assertThat(config.retry().attempts()).isEqualTo(2);
        assertThat(config.retry().baseDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(config.discover()).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheFilesAndIsNamedInErrors() throws Exception {
        Path file = write(".converge.yaml", "parallel: true\nretry: { attempts: 4 }\n");
        Map<String, String> env = Map.of("CONVERGE_PARALLEL", "false", "CONVERGE_RETRY_ATTEMPTS", "2");

        RemotesConfig config = RemotesConfigReader.read(settings(env::get, file));

        assertThat(config.parallel()).isFalse();
        assertThat(config.retry().attempts()).isEqualTo(2);
        assertThatThrownBy(() -> RemotesConfigReader.read(settings(Map.of("CONVERGE_OFFLINE_QUEUE", "perhaps")::get, file)))
                .isInstanceOf(UsageException.class)
                .hasMessage("offline_queue (from env CONVERGE_OFFLINE_QUEUE): expected true or false, was 'perhaps'");
    }

    @Test
    void aBadValueInTheFileIsNamedByFileLineColumnAndKey() throws Exception {
        Path file = write(".converge.yaml", "remotes:\n  origin: { priority: first }\nparallel: sometimes\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:13: remotes.origin.priority: expected a whole number, was 'first'");
        Files.writeString(file, "parallel: sometimes\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(UsageException.class)
                .hasMessage(file + ":1:1: parallel: expected true or false, was 'sometimes'");
    }

    @Test
    void everyValueReadIsRememberedWithWhereItCameFrom() throws Exception {
        Path user = write("user.yaml", "retry: { attempts: 2 }\n");
        Path repo = write("repo.yaml", "remotes:\n  origin: { priority: 1, branches: [main, \"release/*\"], force_push: warn }\n");
        Settings settings = settings(Map.of("CONVERGE_PARALLEL", "false")::get, user, repo);

        RemotesConfigReader.read(settings);

        Map<String, Setting<?>> byKey = new java.util.HashMap<>();
        settings.resolved().forEach(s -> byKey.put(s.key(), s));
        assertThat(byKey.get("parallel").origin()).isEqualTo("env CONVERGE_PARALLEL");
        assertThat(byKey.get("offline_queue").origin()).isEqualTo("default");
        assertThat(byKey.get("retry.attempts").origin()).isEqualTo(user + ":1");
        assertThat(byKey.get("remotes.origin.priority").origin()).isEqualTo(repo + ":2");
        assertThat(byKey.get("remotes.origin.branches").shown()).isEqualTo("main, release/*");
        assertThat(byKey.get("remotes.origin.force_push").shown()).isEqualTo("warn");
        assertThat(byKey.get("remotes.origin.vpn").origin()).isEqualTo("default");
    }
}
