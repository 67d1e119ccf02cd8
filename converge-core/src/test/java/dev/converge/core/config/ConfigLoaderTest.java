package dev.converge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ConfigException;
import dev.converge.core.ExitCode;
import dev.converge.core.secret.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("converge.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void keepsLinesAndKeyPaths() throws Exception {
        Path file = write("""
                state:
                  path: /tmp/state.db
                files:
                  concurrency: 4
                  exclude:
                    - "*.tmp"
                    - build/
                """);
        ConfigNode root = ConfigLoader.load(file);
        ConfigNode concurrency = root.at("files.concurrency");
        assertThat(concurrency.raw()).isEqualTo("4");
        assertThat(concurrency.path()).isEqualTo("files.concurrency");
        assertThat(concurrency.line()).isEqualTo(4);
        assertThat(concurrency.location()).isEqualTo(file + ":4");
        assertThat(root.at("files.exclude").elements()).extracting(ConfigNode::raw).containsExactly("*.tmp", "build/");
        assertThat(root.at("files.nope")).isNull();
    }

    @Test
    void anUnknownKeyIsNamedWithWhereItIsAndASuggestion() throws Exception {
        Path file = write("""
                state:
                  path: x
                files:
                  concurency: 4
                """);
        ConfigNode root = ConfigLoader.load(file);
        root.requireKeys(Set.of("state", "files", "providers"));
        assertThatThrownBy(() -> root.get("files").requireKeys(Set.of("concurrency", "exclude", "mode")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4:3: files.concurency: unknown key")
                .hasMessageContaining("did you mean 'concurrency'?");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneListsTheKnownKeys() throws Exception {
        Path file = write("""
                zzzzzzzz: 1
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file).requireKeys(Set.of("state", "files")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:1: zzzzzzzz: unknown key")
                .hasMessageContaining("known keys: files, state");
    }

    @Test
    void invalidYamlNamesTheRightLine() throws Exception {
        Path file = write("""
                state:
                  path: x
                files: a: b
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("invalid YAML")
                .satisfies(e -> assertThat(((ConfigException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void aDuplicateKeyIsAnError() throws Exception {
        Path file = write("""
                files:
                  concurrency: 4
                  concurrency: 5
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3:3: files.concurrency: duplicate key");
    }

    @Test
    void aMissingFileAndAScalarRootAreErrors() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
        Path file = write("just a string\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:").hasMessageContaining("mapping");
    }

    @Test
    void anEmptyFileIsAnEmptyMapping() throws Exception {
        ConfigNode root = ConfigLoader.load(write(""));
        assertThat(root.isMap()).isTrue();
        assertThat(root.fields()).isEmpty();
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() throws Exception {
        Path file = write("""
                providers:
                  github:
                    token: ${env:CONVERGE_TEST_UNSET_TOKEN}
                """);
        ConfigNode token = ConfigLoader.load(file).at("providers.github.token");
        assertThat(token.isReference()).isTrue();
        assertThatThrownBy(() -> token.text(Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3:5: providers.github.token")
                .hasMessageContaining("environment variable CONVERGE_TEST_UNSET_TOKEN is not set");
    }

    @Test
    void aResolvedReferenceIsASecretTheRedactorMasks() throws Exception {
        String secret = "tok-" + System.nanoTime() + "-zz";
        Path file = write("""
                providers:
                  github:
                    token: "Bearer ${env:GH_TOKEN_FOR_TEST}"
                """);
        ConfigNode token = ConfigLoader.load(file).at("providers.github.token");
        assertThat(Redactor.global().redact("sent " + secret)).contains(secret);
        assertThat(token.text(Map.of("GH_TOKEN_FOR_TEST", secret)::get)).isEqualTo("Bearer " + secret);
        assertThat(Redactor.global().redact("sent " + secret)).isEqualTo("sent " + Redactor.MASK);
    }
}
