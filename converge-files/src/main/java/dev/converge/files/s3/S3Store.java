package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.FileChangedException;
import dev.converge.files.TreeScanner;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A bucket and prefix in S3 or an S3-compatible store ({@code s3://bucket/prefix}).
 *
 * <p>The requests a run makes by the thousand (HeadBucket, ListObjectsV2, PutObject, DeleteObject,
 * HeadObject) go through the lean {@link S3Exchange}; the AWS SDK v2 serves the rare ones (multipart
 * uploads, creating a bucket) and its client is built on the first of those only, so a no-op or a
 * push of small files never loads it.
 *
 * <p>Files up to the part size go up in one PutObject with Content-MD5; larger ones as a multipart
 * upload with parallel parts ({@link MultipartWriter}). Either way the content's SHA-256 is stored as
 * user metadata {@value ObjectStore#SHA256_METADATA}. Neither path retries: faults come out as
 * {@link RemoteException}s that say whether they are transient, and the engine retries those.
 *
 * <p>Settings beyond {@link S3Connection}'s: {@code part_size} (bytes, or with a KiB/MiB/GiB suffix;
 * default 8 MiB, at least 5 MiB) and {@code part_concurrency} (parts in flight per file, default 4).
 */
public final class S3Store implements ObjectStore {
    static final int MIB = 1024 * 1024;
    /** S3's smallest part (except the last). */
    static final int MIN_PART_SIZE = 5 * MIB;
    static final int DEFAULT_PART_SIZE = 8 * MIB;
    static final int DEFAULT_PART_CONCURRENCY = 4;
    /** S3's largest part number: bigger files get bigger parts. */
    static final int MAX_PARTS = 10_000;
    private static final int LIST_PAGE = 1000;
    private static final String META_SHA256 = "x-amz-meta-" + SHA256_METADATA;

    private final StoreTarget target;
    private final S3Connection connection;
    private final S3Exchange exchange;
    private final int partSize;
    private final int partConcurrency;
    /** Built on first use: most runs never need it. */
    private SdkS3 sdk;

    S3Store(StoreTarget target, S3Connection connection, int partSize, int partConcurrency) {
        this.target = target;
        this.connection = connection;
        this.exchange = new S3Exchange(connection);
        this.partSize = partSize;
        this.partConcurrency = partConcurrency;
    }

    @Override
    public String describe() {
        return "s3://" + target.container() + (target.prefix().isEmpty() ? "" : "/" + target.prefix());
    }

    @Override
    public void open(boolean create) throws ConvergeException {
        String bucket = target.container();
        String where = "bucket '" + bucket + "' at " + connection.describeEndpoint();
        connection.requireCredentials();
        try (S3Exchange.Answer answer = exchange.send("HEAD", bucket, null, null, null, null, null, where)) {
            if (answer.ok()) {
                return;
            }
            String otherRegion = answer.otherRegion();
            if (otherRegion != null) {
                // a configuration fault, not the server's: the user must name the bucket's region
                throw new UsageException(where + " is in region " + otherRegion + ", not " + connection.region()
                        + ": set region = " + otherRegion + " in the config or AWS_REGION=" + otherRegion);
            }
            if (answer.status() != 404) {
                throw answer.fault(where);
            }
        }
        if (!create) {
            throw new ContainerMissingException("bucket '" + bucket + "' does not exist at " + connection.describeEndpoint()
                    + "; use --create to create it");
        }
        sdk().createBucket(bucket, where);
    }

    @Override
    public void list(Consumer<RemoteObject> sink) throws ConvergeException {
        listRange(null, null, () -> false, sink);
    }

    @Override
    public boolean listsInRanges() {
        return true;
    }

    /** The listing in parallel ranges cut at {@code splitKeys} ({@link RangedListing}): the same objects, in the same order. */
    @Override
    public void list(List<String> splitKeys, int parallelism, Consumer<RemoteObject> sink) throws ConvergeException {
        new RangedListing(this::listRange, parallelism).list(splitKeys, sink);
    }

    /**
     * The objects whose relative keys k have {@code after} &lt; k ≤ {@code through} (a null bound is
     * open), page by page from {@code start-after}; stops at the first key past {@code through},
     * compared in UTF-8 byte order as S3 sorts, or when {@code stop} says so between pages.
     */
    private void listRange(String after, String through, BooleanSupplier stop, Consumer<RemoteObject> sink)
            throws ConvergeException {
        String listPrefix = target.prefix().isEmpty() ? "" : target.prefix() + "/";
        String what = describe() + ": list";
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("prefix", listPrefix);
            query.put("max-keys", String.valueOf(LIST_PAGE));
            // keys may hold characters XML 1.0 cannot carry: have them URL-encoded, as the SDK does
            query.put("encoding-type", "url");
            if (token != null) {
                query.put("continuation-token", token);
            } else if (after != null) {
                query.put("start-after", listPrefix + after);
            }
            S3Xml.Page page;
            try (S3Exchange.Answer answer = exchange.send("GET", target.container(), null, query, null, null, null, what)) {
                if (!answer.ok()) {
                    throw answer.fault(what);
                }
                try (InputStream body = answer.body()) {
                    page = S3Xml.listPage(body);
                } catch (IOException e) {
                    throw S3Errors.remote(what, e);
                }
            }
            for (S3Xml.Entry object : page.entries()) {
                if (!object.key().startsWith(listPrefix)) {
                    continue;
                }
                String key = object.key().substring(listPrefix.length());
                int toEnd = through == null ? -1 : TreeScanner.KEY_ORDER.compare(key, through);
                if (toEnd > 0) {
                    return; // the next range's first key: this range is complete
                }
                // a store that ignores start-after would hand the previous range's keys again;
                // zero-byte "folder" markers made by consoles and other tools are not files
                boolean before = after != null && TreeScanner.KEY_ORDER.compare(key, after) <= 0;
                if (!before && !key.isEmpty() && !(key.endsWith("/") && object.size() == 0)) {
                    sink.accept(remoteObject(key, object.size(), object.etag(), object.lastModified()));
                }
                if (toEnd == 0) {
                    return; // the range's last key: no need to ask for the page after it
                }
            }
            if (page.truncated() && (page.nextToken() == null || page.nextToken().isEmpty())) {
                throw new RemoteException(what + ": the server said the listing goes on but gave no continuation token",
                        0, false, null);
            }
            token = page.truncated() ? page.nextToken() : null;
        } while (token != null && !stop.getAsBoolean());
    }

    @Override
    public RemoteObject upload(Upload upload) throws ConvergeException {
        Optional<String> rejected = rejectKey(upload.key());
        if (rejected.isPresent()) {
            // an item's fault, not the run's: the other files still go up
            throw new ConvergeException(name(upload.key()) + ": " + rejected.get());
        }
        String fullKey = target.fullKey(upload.key());
        int blockSize = partSizeFor(upload.size());
        if (upload.size() <= blockSize) {
            return putWhole(upload, fullKey, blockSize);
        }
        // a multipart upload names its metadata (the SHA-256) when it starts: hash before sending
        Upload hashed = ContentReader.hashedFirst(upload);
        String etag = sdk().multipartWriter(target.container(), blockSize, partConcurrency)
                .write(hashed, fullKey, name(upload.key()));
        // the PUT's answer carries no date; the server's clock is close enough for a version tag
        // that the engine compares by ETag
        return uploaded(upload.key(), hashed.size(), etag, hashed.sha256());
    }

    /**
     * One PutObject, sent only after the reader confirmed the file is still what was planned: the
     * whole file is one block in memory, so its MD5 and SHA-256 come from that same read.
     */
    private RemoteObject putWhole(Upload upload, String fullKey, int blockSize) throws ConvergeException {
        byte[][] content = new byte[1][];
        ContentReader.Result read = ContentReader.read(upload, blockSize, (index, bytes, md5Hex, last) -> {
            if (index > 0) {
                throw new FileChangedException(upload.key(), "size grew past " + upload.size() + " bytes");
            }
            content[0] = bytes;
        });
        byte[] bytes = content[0];
        String sha256 = read.hash().sha256();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-md5", base64Md5(read.hash().md5()));
        headers.put(META_SHA256, sha256);
        String what = name(upload.key()) + ": upload";
        // the whole content is the payload: its SHA-256, computed for the metadata, signs it too
        try (S3Exchange.Answer answer = exchange.send("PUT", target.container(), fullKey, null, headers, bytes, sha256, what)) {
            if (!answer.ok()) {
                throw answer.fault(what);
            }
            return uploaded(upload.key(), bytes.length, S3Keys.bareEtag(answer.header("ETag")), sha256);
        }
    }

    /** The object just written, with the SHA-256 of what was sent (a listing would not show it). */
    private static RemoteObject uploaded(String key, long size, String etag, String sha256) {
        RemoteObject listed = remoteObject(key, size, etag, Instant.now());
        return new RemoteObject(key, size, listed.etag(), listed.contentMd5(), sha256, listed.lastModified());
    }

    @Override
    public void delete(String key) throws ConvergeException {
        String what = name(key) + ": delete";
        try (S3Exchange.Answer answer = exchange.send("DELETE", target.container(), target.fullKey(key), null, null, null, null,
                what)) {
            // S3 answers 204 for a key that was never there; some compatible stores 404: gone either way
            if (!answer.ok() && answer.status() != 404) {
                throw answer.fault(what);
            }
        }
    }

    @Override
    public Optional<String> sha256(String key) throws ConvergeException {
        String what = name(key) + ": read metadata";
        try (S3Exchange.Answer answer = exchange.send("HEAD", target.container(), target.fullKey(key), null, null, null, null,
                what)) {
            // gone since it was listed: no recorded hash, so the engine treats the content as unknown
            if (answer.status() == 404) {
                return Optional.empty();
            }
            if (!answer.ok()) {
                throw answer.fault(what);
            }
            return Optional.ofNullable(answer.header(META_SHA256)).map(String::strip).filter(v -> !v.isEmpty());
        }
    }

    @Override
    public Optional<String> rejectKey(String key) {
        return S3Keys.reject(target.fullKey(key), key);
    }

    @Override
    public void close() {
        try {
            exchange.close();
        } catch (IOException e) {
            // closing idle connections: nothing of the user's is at stake
        }
        SdkS3 built;
        synchronized (this) {
            built = sdk;
        }
        if (built != null) {
            built.close();
        }
    }

    /** The SDK's client, built on first use: costs about two seconds of CPU, so only when needed. */
    private synchronized SdkS3 sdk() {
        if (sdk == null) {
            sdk = new SdkS3(connection);
        }
        return sdk;
    }

    /** The part size for a file: the configured one, grown so that no file needs over 10,000 parts. */
    int partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        if (needed <= partSize) {
            return partSize;
        }
        long rounded = (needed + MIB - 1) / MIB * MIB;
        // a Java array bounds a part; 2 GiB parts would mean a 20 TB file
        return (int) Math.min(rounded, Integer.MAX_VALUE - 8L);
    }

    private String name(String key) {
        return "s3://" + target.container() + "/" + target.fullKey(key);
    }

    private static RemoteObject remoteObject(String key, long size, String rawEtag, Instant lastModified) {
        String etag = S3Keys.bareEtag(rawEtag);
        // only a single-part upload's ETag is the content MD5; a multipart one is "md5-of-md5s-N"
        return new RemoteObject(key, size, etag, S3Keys.isPlainMd5(etag) ? etag : null, null, lastModified);
    }

    static String base64Md5(String md5Hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5Hex));
    }
}
