package dev.converge.files.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.converge.core.ConvergeException;
import dev.converge.files.store.Upload;
import java.time.Duration;

/**
 * The requests that still go through the Azure SDK because they are rare and the SDK does them
 * well: large files as staged blocks ({@link StagedUpload}) and creating a container. An
 * {@link AzureBlobStore} builds one on first need only: building the client and its pipeline costs
 * more CPU than a no-op of thousands of files.
 */
final class SdkAzure {
    /**
     * One attempt per request: the engine retries transient faults with its own backoff, and two
     * retry loops stacked would multiply the waits and hide the faults from the audit trail.
     * The try timeout bounds one request (a block is at most a few MiB in the common case).
     */
    private static final RequestRetryOptions ONE_TRY = new RequestRetryOptions(
            RetryPolicyType.FIXED, 1, Duration.ofMinutes(10), null, null, null);

    private static final Duration SILENCE = Duration.ofMinutes(2);

    private final BlobContainerClient container;

    SdkAzure(Connection connection) {
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().httpClient(httpClient()).retryOptions(ONE_TRY)
                .endpoint(connection.endpoint()).containerName(connection.container());
        switch (connection.auth()) {
            case AzureAuth.SharedKey key -> builder.credential(new StorageSharedKeyCredential(key.account(), key.base64Key()));
            case AzureAuth.Sas sas -> builder.sasToken(sas.token());
            case AzureAuth.Entra entra -> builder.credential(new DefaultAzureCredentialBuilder().httpClient(httpClient()).build());
            case AzureAuth.Anonymous anonymous -> { }
        }
        this.container = builder.buildClient();
    }

    void createContainer(String where) throws ConvergeException {
        try {
            container.createIfNotExists(); // another run may have created it meanwhile
        } catch (RuntimeException e) {
            throw Faults.map(e, "creating " + where);
        }
    }

    SentBlob stagedUpload(String blobName, Upload upload, String what, int concurrency, int blockSize)
            throws ConvergeException {
        return new StagedUpload(container.getBlobClient(blobName).getBlockBlobClient(), upload, what, concurrency)
                .run(blockSize);
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
}
