package dev.converge.files.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A container and prefix in Azure Blob Storage ({@code azure://container/prefix}) as the right side
 * of a files sync. Made by {@link AzureStoreProvider}.
 *
 * <p>Files up to the block size are written with one Put Blob carrying Content-MD5, which the
 * service verifies; larger ones as blocks staged in parallel, each with its MD5, then committed in
 * one Put Block List once the whole file was read and found unchanged. Either way the object
 * appears under its key whole or not at all, with its MD5 as Content-MD5 and its SHA-256 in the
 * {@value ObjectStore#SHA256_METADATA} metadata, both of which the listing returns.
 *
 * <p>Nothing here retries: faults come out as {@link RemoteException}s saying whether they are
 * transient, and the engine's retry policy decides.
 */
public final class AzureBlobStore implements ObjectStore {
    private static final int PAGE_SIZE = 5000; // the service's maximum
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final StoreTarget target;
    private final BlobContainerClient container;
    private final String endpoint;
    private final UploadOptions options;
    /** The prefix as blob names start with it ("notes/"), or empty for the whole container. */
    private final String namePrefix;

    AzureBlobStore(StoreTarget target, Connection connection, UploadOptions options) {
        this.target = target;
        this.container = connection.client();
        this.endpoint = connection.endpoint();
        this.options = options;
        this.namePrefix = target.prefix().isEmpty() ? "" : target.prefix() + "/";
    }

    @Override
    public String describe() {
        return Connection.describe(target);
    }

    @Override
    public void open(boolean create) throws ConvergeException {
        String where = "container '" + target.container() + "' at " + endpoint;
        try {
            // Listing one name proves both that the container exists and that we may list it,
            // which a container-properties probe would not (a list-only SAS cannot read those).
            container.listBlobs(listOptions().setMaxResultsPerPage(1), null).streamByPage().findFirst();
        } catch (RuntimeException e) {
            int status = Faults.status(e);
            if (status == 404) {
                if (!create) {
                    throw new ContainerMissingException("container '" + target.container() + "' does not exist at " + endpoint
                            + "; use --create to create it");
                }
                createContainer(where);
                return;
            }
            if (status == 401 || status == 403) {
                throw new RemoteException("cannot list " + where + ": " + RemoteException.describeStatus(status)
                        + "; check the Azure credentials", status, false, e);
            }
            throw Faults.map(e, "listing " + where);
        }
    }

    private void createContainer(String where) throws ConvergeException {
        try {
            container.createIfNotExists(); // another run may have created it meanwhile
        } catch (RuntimeException e) {
            throw Faults.map(e, "creating " + where);
        }
    }

    @Override
    public void list(Consumer<RemoteObject> sink) throws ConvergeException {
        Iterator<PagedResponse<BlobItem>> pages;
        String what = "listing " + describe();
        try {
            pages = container.listBlobs(listOptions().setMaxResultsPerPage(PAGE_SIZE), null).iterableByPage().iterator();
        } catch (RuntimeException e) {
            throw Faults.map(e, what);
        }
        while (true) {
            PagedResponse<BlobItem> page;
            try { // only the fetch is guarded: a fault from the sink is the engine's, not Azure's
                if (!pages.hasNext()) {
                    return;
                }
                page = pages.next();
            } catch (RuntimeException e) {
                throw Faults.map(e, what);
            }
            for (BlobItem item : page.getValue()) {
                String key = item.getName().substring(namePrefix.length());
                if (!key.isEmpty()) { // a "directory marker" blob named exactly like the prefix
                    sink.accept(toRemote(key, item));
                }
            }
        }
    }

    private ListBlobsOptions listOptions() {
        return new ListBlobsOptions()
                .setPrefix(namePrefix.isEmpty() ? null : namePrefix)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    }

    private static RemoteObject toRemote(String key, BlobItem item) {
        BlobItemProperties p = item.getProperties();
        byte[] md5 = p.getContentMd5();
        return new RemoteObject(key,
                p.getContentLength() == null ? 0 : p.getContentLength(),
                etag(p.getETag()),
                md5 == null || md5.length == 0 ? null : HexFormat.of().formatHex(md5),
                sha256(item.getMetadata()),
                instant(p.getLastModified()));
    }

    @Override
    public RemoteObject upload(Upload upload) throws ConvergeException {
        Optional<String> rejected = rejectKey(upload.key());
        if (rejected.isPresent()) {
            throw new ConvergeException(upload.key() + ": " + rejected.get());
        }
        // One read per file: a single Put Blob sends a file read whole into memory, hashed there; staged
        // blocks carry their own MD5s, and the whole file's MD5 and SHA-256 go on the Put Block List.
        String what = "upload of '" + upload.key() + "' to " + describe();
        BlockBlobClient blob = blob(upload.key()).getBlockBlobClient();
        int blockSize = options.blockSizeFor(upload.size());
        SentBlob sent = upload.size() <= blockSize
                ? putWhole(blob, upload, blockSize, what)
                : new StagedUpload(blob, upload, what, options.concurrency()).run(blockSize);
        return new RemoteObject(upload.key(), upload.size(), etag(sent.written().getETag()), sent.hash().md5(),
                sent.hash().sha256(), instant(sent.written().getLastModified()));
    }

    /**
     * One Put Blob of a file of at most one block, read whole into memory and hashed there, sent only
     * once the file is checked to be still what was planned ({@link ContentReader#checkUnchanged}).
     */
    private static SentBlob putWhole(BlockBlobClient blob, Upload upload, int blockSize, String what)
            throws ConvergeException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(upload.file())) {
            bytes = in.readNBytes(blockSize + 1);
        } catch (NoSuchFileException e) {
            throw new FileChangedException(upload.key(), "vanished");
        } catch (IOException e) {
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getMessage(), e);
        }
        ContentHash h = ContentHash.of(bytes);
        try {
            // a file that grew past one block fails here too: its size is not the planned one
            ContentReader.checkUnchanged(upload, bytes.length, h.sha256());
        } catch (IOException e) {
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getMessage(), e);
        }
        BlockBlobSimpleUploadOptions put = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes))
                .setContentMd5(HexFormat.of().parseHex(h.md5())) // checked by the service on arrival
                .setHeaders(new BlobHttpHeaders().setContentMd5(HexFormat.of().parseHex(h.md5())))
                .setMetadata(Map.of(SHA256_METADATA, h.sha256()));
        try {
            return new SentBlob(blob.uploadWithResponse(put, null, Context.NONE).getValue(), h);
        } catch (RuntimeException e) {
            throw Faults.map(e, what);
        }
    }

    @Override
    public void delete(String key) throws ConvergeException {
        try {
            blob(key).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
        } catch (RuntimeException e) {
            throw Faults.map(e, "deleting '" + key + "' from " + describe());
        }
    }

    @Override
    public Optional<String> sha256(String key) throws ConvergeException {
        try {
            return Optional.ofNullable(sha256(blob(key).getProperties().getMetadata()));
        } catch (RuntimeException e) {
            if (Faults.status(e) == 404) {
                return Optional.empty();
            }
            throw Faults.map(e, "reading the properties of '" + key + "' in " + describe());
        }
    }

    @Override
    public Optional<String> rejectKey(String key) {
        return BlobNames.reject(target.fullKey(key));
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(target.fullKey(key));
    }

    /** The SHA-256 converge stored, tolerating another writer's letter case; null when absent or malformed. */
    private static String sha256(Map<String, String> metadata) {
        if (metadata == null) {
            return null;
        }
        String value = metadata.get(SHA256_METADATA);
        if (value == null) {
            value = metadata.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(SHA256_METADATA))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return value != null && SHA256_HEX.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : null;
    }

    /** Azure's ETag as a bare token: headers quote it, listings may not, and the two must compare equal. */
    private static String etag(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
