package dev.converge.files.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.ConvergeException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which keys Azure can hold, decided locally: no server needed, nothing is sent. */
class AzureBlobNamesTest {
    private static final StoreSettings SETTINGS = new StoreSettings("http://127.0.0.1:9/devstoreaccount1", false,
            Map.of("account", "devstoreaccount1", "key", "a2V5"), k -> null);

    private static ObjectStore store(String target) throws ConvergeException {
        return Fixtures.store(target, SETTINGS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.txt", "dir/sub/file.tar.gz", ".hidden", "dir/.config/x", "résumé.pdf", "日本語/ファイル",
            "emoji-\uD83D\uDE00.png", "with space/and+plus&amp;%25", "back\\slash", "a..b"})
    void namesAzureHolds(String key) throws ConvergeException {
        assertThat(store("azure://c0ntainer/prefix").rejectKey(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name.", "dir./file", "dir/..", "./x", "dir/file/", "a//b", "tab\there", "nul\u0000",
            "del\u007F", "c1\u0081", "private\uE000", "nonchar\uFFFF", "lone\uD800surrogate"})
    void namesAzureRefuses(String key) throws ConvergeException {
        assertThat(store("azure://c0ntainer").rejectKey(key)).isPresent();
    }

    @Test
    void theLengthLimitCountsThePrefixAndCharactersNotBytes() throws ConvergeException {
        assertThat(store("azure://box").rejectKey("é".repeat(1024))).isEmpty();
        assertThat(store("azure://box").rejectKey("x".repeat(1025))).get().asString().contains("1025", "1024");
        assertThat(store("azure://box/pre").rejectKey("x".repeat(1021))).isPresent();
        assertThat(store("azure://box/pre").rejectKey("x".repeat(1020))).isEmpty();
    }

    @Test
    void theSegmentLimitCountsThePrefix() throws ConvergeException {
        String segments254 = "d/".repeat(253) + "f";
        assertThat(store("azure://box").rejectKey(segments254)).isEmpty();
        assertThat(store("azure://box").rejectKey("d/" + segments254)).get().asString().contains("255", "254");
        assertThat(store("azure://box/pre").rejectKey(segments254)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-b-c", "0123456789", "$root", "$web"})
    void containerNamesAzureHolds(String name) {
        assertThat(BlobNames.rejectContainer(name)).isEmpty();
        assertThat(BlobNames.rejectContainer("x".repeat(63))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Abc", "a--b", "-ab", "ab-", "a_b", "a.b", "$other"})
    void containerNamesAzureRefuses(String name) {
        assertThat(BlobNames.rejectContainer(name)).isPresent();
        assertThat(BlobNames.rejectContainer("x".repeat(64))).isPresent();
    }
}
