package dev.converge.files.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.logging.ClientLogger;
import com.azure.storage.common.implementation.connectionstring.StorageAuthenticationSettings;
import com.azure.storage.common.implementation.connectionstring.StorageConnectionString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our reading of connection strings against the SDK's own parser, the independent witness. */
class ConnectionStringTest {
    private static final String KEY = ConnectionString.DEV_KEY;

    @ParameterizedTest
    @ValueSource(strings = {
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY
            + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + KEY + ";EndpointSuffix=core.windows.net",
        "AccountName=acct;AccountKey=" + KEY,
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + KEY + ";EndpointSuffix=core.chinacloudapi.cn",
        "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2025-11-05&ss=b&srt=co&sp=rl&sig=abc%3D",
        "UseDevelopmentStorage=true",
        "BlobEndpoint=https://public.blob.core.windows.net",
        "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://ipv4.fiddler",
    })
    void readsTheSettingsAsTheSdkReadsThem(String raw) throws Exception {
        StorageConnectionString sdk = StorageConnectionString.create(raw, new ClientLogger(ConnectionStringTest.class));

        ConnectionString ours = ConnectionString.parse(raw);

        assertThat(ours.blobEndpoint()).isEqualTo(ConnectionString.trimSlash(sdk.getBlobEndpoint().getPrimaryUri()));
        StorageAuthenticationSettings auth = sdk.getStorageAuthSettings();
        switch (auth.getType()) {
            case ACCOUNT_NAME_KEY -> assertThat(ours.auth()).isEqualTo(
                    new AzureAuth.SharedKey(auth.getAccount().getName(), auth.getAccount().getAccessKey()));
            // the SDK keeps the parameters in a hash map's order: the same token
            case SAS_TOKEN -> assertThat(((AzureAuth.Sas) ours.auth()).token().split("&"))
                    .containsExactlyInAnyOrder(auth.getSasToken().split("&"));
            default -> assertThat(ours.auth()).isEqualTo(new AzureAuth.Anonymous());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccountKey=not-so-secret-value;no account name, no endpoint", "AccountKey=not-so-secret-value",
        "BlobEndpoint=https://x.example/;AccountKey=not-so-secret-value",
        // the SDK matches setting names with their case
        "defaultendpointsprotocol=http;accountname=acct;accountkey=not-so-secret-value"})
    void whatTheSdkRefusesWeRefuseWithoutRepeatingIt(String raw) {
        assertThatThrownBy(() -> StorageConnectionString.create(raw, new ClientLogger(ConnectionStringTest.class)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> ConnectionString.parse(raw)).isInstanceOf(ConnectionString.Invalid.class)
                .hasMessageNotContaining("not-so-secret-value");
    }
}
