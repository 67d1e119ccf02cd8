package dev.converge.files.azure;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.ObjectStoreProvider;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.util.Optional;

/**
 * Makes {@link AzureBlobStore}s for {@code --to azure://CONTAINER[/PREFIX]}.
 *
 * <p>Settings (config file, else the variable Azure's own tools read): {@code connection_string}
 * ({@code AZURE_STORAGE_CONNECTION_STRING}); {@code account} ({@code AZURE_STORAGE_ACCOUNT}) with
 * {@code key} ({@code AZURE_STORAGE_KEY}) or {@code sas} ({@code AZURE_STORAGE_SAS_TOKEN}), or with
 * neither for an Entra ID login; {@code block_size} and {@code block_concurrency} for large files.
 * The endpoint defaults to {@code https://ACCOUNT.blob.core.windows.net}; for Azurite give
 * {@code http://127.0.0.1:10000/devstoreaccount1}.
 */
public final class AzureStoreProvider implements ObjectStoreProvider {

    @Override
    public String scheme() {
        return "azure";
    }

    @Override
    public ObjectStore create(StoreTarget target, StoreSettings settings) throws ConvergeException {
        Optional<String> badName = BlobNames.rejectContainer(target.container());
        if (badName.isPresent()) {
            throw new UsageException("--to " + Connection.describe(target) + ": " + badName.get());
        }
        UploadOptions options = UploadOptions.from(settings);
        return new AzureBlobStore(target, Connection.open(target, settings), options);
    }
}
