package dev.converge.files.azure;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import dev.converge.files.http.StoreTimes;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A container and prefix in Azure Blob Storage ({@code azure://container/prefix}) as the right side
 * of a files sync. Made by {@link AzureStoreProvider}.
 *
 * <p>The requests a run makes by the thousand (listing, Put Blob, Delete Blob, Get Blob
 * Properties) go through the lean {@link AzureExchange}; the Azure SDK serves the rare ones (staged
 * blocks of large files, creating a container), and its client is built on the first of those only
 * ({@link SdkAzure}), so a no-op or a push of small files never loads it.
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
    private static final String META_SHA256 = "x-ms-meta-" + SHA256_METADATA;

    private final StoreTarget target;
    private final Connection connection;
    private final AzureExchange exchange;
    private final UploadOptions options;
    /** The prefix as blob names start with it ("notes/"), or empty for the whole container. */
    private final String namePrefix;
    /** Built on first use: most runs never need it. */
    private SdkAzure sdk;

    AzureBlobStore(StoreTarget target, Connection connection, UploadOptions options) {
        this.target = target;
        this.connection = connection;
        this.exchange = new AzureExchange(connection);
        this.options = options;
        this.namePrefix = target.prefix().isEmpty() ? "" : target.prefix() + "/";
    }

    @Override
    public String describe() {
        return Connection.describe(target);
    }

    @Override
    public void open(boolean create) throws ConvergeException {
        String where = "container '" + target.container() + "' at " + connection.endpoint();
        // Listing one name proves both that the container exists and that we may list it,
        // which a container-properties probe would not (a list-only SAS cannot read those).
        String what = "listing " + where;
        try (AzureExchange.Answer answer = exchange.send("GET", null, listQuery(1, null, false), null, null, what)) {
            if (answer.ok()) {
                return;
            }
            int status = answer.status();
            if (status == 401 || status == 403) {
                String code = answer.errorCode();
                throw new RemoteException("cannot list " + where + ": " + RemoteException.describeStatus(status)
                        + (code == null ? "" : " [" + code + "]") + "; check the Azure credentials", status, false, null);
            }
            if (status != 404) {
                throw answer.fault(what);
            }
        }
        if (!create) {
            throw new ContainerMissingException("container '" + target.container() + "' does not exist at "
                    + connection.endpoint() + "; use --create to create it");
        }
        sdk().createContainer(where);
    }

    @Override
    public void list(Consumer<RemoteObject> sink) throws ConvergeException {
        String what = "listing " + describe();
        String marker = null;
        do {
            AzureXml.Page page;
            try (AzureExchange.Answer answer = exchange.send("GET", null, listQuery(PAGE_SIZE, marker, true), null, null,
                    what)) {
                if (!answer.ok()) {
                    throw answer.fault(what);
                }
                try (InputStream body = answer.body()) {
                    page = AzureXml.listPage(body);
                } catch (IOException e) {
                    throw AzureErrors.remote(what, e);
                }
            }
            // only the fetch is guarded: a fault from the sink is the engine's, not Azure's
            for (AzureXml.Entry blob : page.entries()) {
                if (!blob.name().startsWith(namePrefix)) {
                    continue;
                }
                String key = blob.name().substring(namePrefix.length());
                if (!key.isEmpty()) { // a "directory marker" blob named exactly like the prefix
                    sink.accept(new RemoteObject(key, blob.size(), etag(blob.etag()), blob.md5Hex(),
                            validSha256(blob.sha256()), blob.lastModified()));
                }
            }
            marker = page.nextMarker();
        } while (marker != null);
    }

    /**
     * List Blobs of this store's prefix; with metadata only when the listing must carry the
     * SHA-256 converge stores there (Content-MD5 comes with the properties either way).
     */
    private String listQuery(int max, String marker, boolean metadata) {
        StringBuilder q = new StringBuilder("restype=container&comp=list");
        if (!namePrefix.isEmpty()) {
            q.append("&prefix=").append(AzureExchange.encode(namePrefix));
        }
        q.append("&maxresults=").append(max);
        if (metadata) {
            q.append("&include=metadata");
        }
        if (marker != null) {
            q.append("&marker=").append(AzureExchange.encode(marker));
        }
        return q.toString();
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
        int blockSize = options.blockSizeFor(upload.size());
        SentBlob sent = upload.size() <= blockSize
                ? putWhole(upload, blockSize, what)
                : sdk().stagedUpload(target.fullKey(upload.key()), upload, what, options.concurrency(), blockSize);
        return new RemoteObject(upload.key(), upload.size(), etag(sent.etag()), sent.hash().md5(),
                sent.hash().sha256(), sent.lastModified());
    }

    /**
     * One Put Blob of a file of at most one block, read whole into memory and hashed there, sent only
     * once the file is checked to be still what was planned ({@link ContentReader#checkUnchanged}).
     */
    private SentBlob putWhole(Upload upload, int blockSize, String what) throws ConvergeException {
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
        String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(h.md5()));
        Map<String, String> headers = new TreeMap<>();
        headers.put("x-ms-blob-type", "BlockBlob");
        headers.put("content-md5", md5); // checked by the service on arrival
        headers.put("x-ms-blob-content-md5", md5); // kept as the blob's Content-MD5, which the listing shows
        headers.put(META_SHA256, h.sha256());
        try (AzureExchange.Answer answer = exchange.send("PUT", target.fullKey(upload.key()), null, headers, bytes, what)) {
            if (!answer.ok()) {
                throw answer.fault(what);
            }
            return new SentBlob(answer.header("ETag"), StoreTimes.httpDate(answer.header("Last-Modified")), h);
        }
    }

    @Override
    public void delete(String key) throws ConvergeException {
        String what = "deleting '" + key + "' from " + describe();
        try (AzureExchange.Answer answer = exchange.send("DELETE", target.fullKey(key), null,
                Map.of("x-ms-delete-snapshots", "include"), null, what)) {
            // already gone is what a delete wants
            if (!answer.ok() && answer.status() != 404) {
                throw answer.fault(what);
            }
        }
    }

    @Override
    public Optional<String> sha256(String key) throws ConvergeException {
        String what = "reading the properties of '" + key + "' in " + describe();
        try (AzureExchange.Answer answer = exchange.send("HEAD", target.fullKey(key), null, null, null, what)) {
            if (answer.status() == 404) {
                return Optional.empty();
            }
            if (!answer.ok()) {
                throw answer.fault(what);
            }
            return Optional.ofNullable(validSha256(answer.header(META_SHA256)));
        }
    }

    @Override
    public Optional<String> rejectKey(String key) {
        return BlobNames.reject(target.fullKey(key));
    }

    @Override
    public void close() {
        try {
            exchange.close();
        } catch (IOException e) {
            // closing idle connections: nothing of the user's is at stake
        }
    }

    /** The SDK's client, built on first use: only staged uploads and --create need it. */
    private synchronized SdkAzure sdk() {
        if (sdk == null) {
            sdk = new SdkAzure(connection);
        }
        return sdk;
    }

    /** The SHA-256 converge stored, in lower case; null when absent or malformed. */
    private static String validSha256(String value) {
        return value != null && SHA256_HEX.matcher(value.strip()).matches() ? value.strip().toLowerCase(Locale.ROOT) : null;
    }

    /** Azure's ETag as a bare token: headers quote it, listings may not, and the two must compare equal. */
    private static String etag(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
    }
}
