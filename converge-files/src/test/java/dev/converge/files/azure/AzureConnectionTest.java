package dev.converge.files.azure;

import static dev.converge.files.azure.Fixtures.list;
import static dev.converge.files.azure.Fixtures.settings;
import static dev.converge.files.azure.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.converge.core.ExitCode;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.testing.Azurite;
import dev.converge.files.testing.AzuriteExtension;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Credentials, endpoints and the faults a user meets before anything is uploaded. */
@ExtendWith(AzuriteExtension.class)
class AzureConnectionTest {
    private static final String WRONG_KEY = Base64.getEncoder().encodeToString(new byte[64]);

    private Azurite azurite;
    private String container;

    @BeforeEach
    void setUp(Azurite azurite) {
        this.azurite = azurite;
        container = azurite.newContainerName("conn");
    }

    @Test
    void aMissingContainerIsAUsageErrorUntilCreateIsAsked() throws Exception {
        ObjectStore store = store("azure://" + container + "/p", Fixtures.connectionStringSettings(azurite));

        assertThatThrownBy(() -> store.open(false)).isInstanceOf(ContainerMissingException.class)
                .hasMessage("container '" + container + "' does not exist at " + azurite.endpoint()
                        + "; use --create to create it")
                .extracting(e -> ((UsageException) e).exitCode()).isEqualTo(ExitCode.USAGE);

        store.open(true);
        store.open(true); // creating one that exists is fine
        store.open(false);
        assertThat(list(store)).isEmpty();
        assertThat(Fixtures.witness(azurite, container).exists()).isTrue();
    }

    @Test
    void aWrongKeyIsA403ThatRetryingWillNotFix() throws Exception {
        Fixtures.openStore(azurite, container, "");
        ObjectStore store = store("azure://" + container, settings(azurite.endpoint(),
                Map.of("account", Azurite.ACCOUNT, "key", WRONG_KEY), Map.of()));

        assertThatThrownBy(() -> store.open(false)).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains("403", "'" + container + "'").doesNotContain(WRONG_KEY);
        });
        assertThatThrownBy(() -> list(store)).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains(container);
        });
    }

    @Test
    void accountAndKeyComeFromTheEnvironmentAzureToolsUse() throws Exception {
        Fixtures.openStore(azurite, container, "");
        StoreSettings settings = settings(azurite.endpoint(), Map.of(), Map.of("AZURE_STORAGE_ACCOUNT", Azurite.ACCOUNT,
                "AZURE_STORAGE_KEY", Azurite.KEY));

        ObjectStore store = store("azure://" + container, settings);
        store.open(false);

        assertThat(list(store)).isEmpty();
    }

    @Test
    void aConnectionStringIsPreferredToAnAccountKey() throws Exception {
        Fixtures.openStore(azurite, container, "");
        StoreSettings settings = settings(azurite.endpoint(), Map.of("account", Azurite.ACCOUNT, "key", WRONG_KEY),
                Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString()));

        ObjectStore store = store("azure://" + container, settings);
        store.open(false);

        assertThat(list(store)).isEmpty();
    }

    @Test
    void aSasTokenIsUsedWhenThereIsNoKey() throws Exception {
        Fixtures.openStore(azurite, container, "");
        Fixtures.witness(azurite, container).getBlobClient("seen.txt").upload(BinaryData.fromString("x"));
        String sas = Fixtures.witness(azurite, container).generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusHours(1), new BlobContainerSasPermission().setListPermission(true)));

        ObjectStore store = store("azure://" + container, settings(azurite.endpoint(), Map.of(),
                Map.of("AZURE_STORAGE_ACCOUNT", Azurite.ACCOUNT, "AZURE_STORAGE_SAS_TOKEN", sas)));
        store.open(false);

        assertThat(list(store)).extracting(o -> o.key()).containsExactly("seen.txt");
        assertThat(store.describe()).doesNotContain("sig=");
    }

    @Test
    void noAccountAnywhereIsAUsageErrorThatSaysWhatToSet() {
        assertThatThrownBy(() -> store("azure://" + container, settings(Map.of(), Map.of())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("AZURE_STORAGE_CONNECTION_STRING").hasMessageContaining("AZURE_STORAGE_ACCOUNT");
    }

    @Test
    void aMalformedConnectionStringOrKeyIsAUsageErrorThatDoesNotRepeatIt() {
        String broken = "AccountKey=not-so-secret-value;no account name, no endpoint";
        assertThatThrownBy(() -> store("azure://" + container, settings(Map.of("connection_string", broken), Map.of())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("connection string").hasMessageNotContaining("not-so-secret-value");
        assertThatThrownBy(() -> store("azure://" + container,
                settings(Map.of("account", "acct", "key", "not base64!"), Map.of())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("key").hasMessageNotContaining("not base64!");
    }

    @Test
    void aContainerNameAzureRejectsIsAUsageError() {
        assertThatThrownBy(() -> store("azure://Bad_Name/p", Fixtures.connectionStringSettings(azurite)))
                .isInstanceOf(UsageException.class).hasMessageContaining("'Bad_Name' is not a valid container name");
    }

    @Test
    void badBlockSettingsAreUsageErrors() {
        assertThatThrownBy(() -> store("azure://" + container, settings(
                Map.of("connection_string", azurite.connectionString(), "block_size", "lots"), Map.of())))
                .isInstanceOf(UsageException.class).hasMessageContaining("block_size");
        assertThatThrownBy(() -> store("azure://" + container, settings(
                Map.of("connection_string", azurite.connectionString(), "block_concurrency", "0"), Map.of())))
                .isInstanceOf(UsageException.class).hasMessageContaining("block_concurrency");
    }

    @Test
    void aServerThatDoesNotAnswerIsATransientFault() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ObjectStore store = store("azure://" + container, settings("http://127.0.0.1:" + closedPort + "/" + Azurite.ACCOUNT,
                Map.of("account", Azurite.ACCOUNT, "key", Azurite.KEY), Map.of()));

        assertThatThrownBy(() -> store.open(false)).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains(container);
        });
    }
}
