package dev.converge.files.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.BlobUrlParts;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.converge.core.UsageException;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.time.Duration;
import java.util.Base64;

/**
 * A container client built from the credentials a user has, in the order Azure tools look for them:
 * a connection string; else account name and key; else a SAS token; else Entra ID through
 * {@code DefaultAzureCredential} (environment, managed identity, Azure CLI login, …).
 *
 * @param client   the container client
 * @param endpoint the blob service URL, without any query string, safe to print
 */
record Connection(BlobContainerClient client, String endpoint) {

    static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";
    static final String ACCOUNT_ENV = "AZURE_STORAGE_ACCOUNT";
    static final String KEY_ENV = "AZURE_STORAGE_KEY";
    static final String SAS_ENV = "AZURE_STORAGE_SAS_TOKEN";

    /**
     * One attempt per request: the engine retries transient faults with its own backoff, and two
     * retry loops stacked would multiply the waits and hide the faults from the audit trail.
     * The try timeout bounds one request (a block is at most a few MiB in the common case).
     */
    private static final RequestRetryOptions ONE_TRY = new RequestRetryOptions(
            RetryPolicyType.FIXED, 1, Duration.ofMinutes(10), null, null, null);

    private static final Duration SILENCE = Duration.ofMinutes(2);

    static Connection open(StoreTarget target, StoreSettings settings) throws UsageException {
        HttpClient http = httpClient();
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().httpClient(http).retryOptions(ONE_TRY);
        String endpoint = settings.endpoint();
        String account = settings.get("account", ACCOUNT_ENV);

        String connectionString = settings.get("connection_string", CONNECTION_STRING_ENV);
        if (connectionString != null) {
            try {
                builder.connectionString(connectionString);
            } catch (RuntimeException e) {
                // The SDK's message may quote the string, key included: say only where it came from.
                throw new UsageException("the Azure connection string (setting connection_string or "
                        + CONNECTION_STRING_ENV + ") is not valid");
            }
            if (endpoint != null) {
                builder.endpoint(endpoint);
            }
        } else {
            if (endpoint == null && account == null) {
                throw new UsageException("no Azure storage account for " + describe(target) + ": set "
                        + CONNECTION_STRING_ENV + ", or " + ACCOUNT_ENV
                        + " (setting account) with a key, a SAS token or an Entra ID login, or give an endpoint");
            }
            if (endpoint == null) {
                endpoint = "https://" + account + ".blob.core.windows.net";
            }
            try {
                builder.endpoint(endpoint);
            } catch (RuntimeException e) {
                throw new UsageException("Azure endpoint '" + withoutQuery(endpoint) + "' is not a valid URL");
            }
            authenticate(builder, settings, account, endpoint);
        }
        BlobContainerClient client = builder.containerName(target.container()).buildClient();
        return new Connection(client, withoutQuery(client.getAccountUrl()));
    }

    private static void authenticate(BlobContainerClientBuilder builder, StoreSettings settings, String account,
            String endpoint) throws UsageException {
        String key = settings.get("key", KEY_ENV);
        String sas = settings.get("sas", SAS_ENV);
        if (key != null) {
            String name = account != null ? account : BlobUrlParts.parse(endpoint).getAccountName();
            if (name == null || name.isBlank()) {
                throw new UsageException("an Azure account key is set but no account name: set " + ACCOUNT_ENV
                        + " (setting account)");
            }
            try {
                Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                // Caught here, once, rather than as a signing failure on every request.
                throw new UsageException("the Azure account key (setting key or " + KEY_ENV + ") is not valid base64");
            }
            builder.credential(new StorageSharedKeyCredential(name, key));
        } else if (sas != null) {
            builder.sasToken(sas);
        } else {
            builder.credential(new DefaultAzureCredentialBuilder().httpClient(httpClient()).build());
        }
    }

    /**
     * The JDK's client rather than Netty (kept off the class path: smaller, starts faster). HTTP/1.1
     * because Blob Storage speaks nothing else, and the JDK's default would offer an h2c upgrade
     * on plain-HTTP endpoints such as Azurite. The timeouts measure silence, not duration: a slow
     * but moving transfer goes on, a server that stopped answering becomes a transient fault the
     * engine retries instead of a run that hangs.
     */
    private static HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1))
                .connectionTimeout(Duration.ofSeconds(30))
                .writeTimeout(SILENCE)
                .responseTimeout(SILENCE)
                .readTimeout(SILENCE)
                .build();
    }

    static String describe(StoreTarget target) {
        return "azure://" + target.container() + (target.prefix().isEmpty() ? "" : "/" + target.prefix());
    }

    /** A URL without its query string, where a SAS token would be. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
