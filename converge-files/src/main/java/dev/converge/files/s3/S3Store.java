package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket and prefix in S3 or an S3-compatible store ({@code s3://bucket/prefix}), through the AWS
 * SDK v2.
 *
 * <p>Files up to the part size go up in one PutObject with Content-MD5; larger ones as a multipart
 * upload with parallel parts ({@link MultipartWriter}). Either way the content's SHA-256 is stored as
 * user metadata {@value ObjectStore#SHA256_METADATA}. The SDK never retries: faults come out as
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

    private final StoreTarget target;
    private final S3Connection connection;
    private final S3Client s3;
    private final int partSize;
    private final int partConcurrency;

    S3Store(StoreTarget target, S3Connection connection, int partSize, int partConcurrency) {
        this.target = target;
        this.connection = connection;
        this.s3 = connection.client();
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
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return;
        } catch (SdkException e) {
            RemoteException fault = S3Errors.remote(where, e);
            if (fault.status() != 404) {
                throw fault;
            }
        }
        if (!create) {
            throw new ContainerMissingException("bucket '" + bucket + "' does not exist at " + connection.describeEndpoint()
                    + "; use --create to create it");
        }
        try {
            s3.createBucket(r -> {
                r.bucket(bucket);
                // us-east-1 is the one region that refuses to be named as a location constraint
                if (!connection.region().equals(Region.US_EAST_1)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(connection.region().id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // created by someone else with our credentials in the meantime: what we wanted
        } catch (SdkException e) {
            throw S3Errors.remote(where + ": create", e);
        }
    }

    @Override
    public void list(Consumer<RemoteObject> sink) throws ConvergeException {
        String listPrefix = target.prefix().isEmpty() ? "" : target.prefix() + "/";
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(target.container()).prefix(listPrefix).maxKeys(LIST_PAGE).build();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
                String key = object.key().substring(listPrefix.length());
                // zero-byte "folder" markers made by consoles and other tools are not files
                if (key.isEmpty() || key.endsWith("/") && object.size() == 0) {
                    continue;
                }
                sink.accept(remoteObject(key, object.size(), object.eTag(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw S3Errors.remote(describe() + ": list", e);
        }
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
        String etag = new MultipartWriter(s3, target.container(), blockSize, partConcurrency)
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
        try {
            String etag = S3Keys.bareEtag(s3.putObject(r -> r.bucket(target.container()).key(fullKey)
                            .contentLength((long) bytes.length)
                            .contentMD5(base64Md5(read.hash().md5()))
                            .metadata(Map.of(SHA256_METADATA, sha256)),
                    RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(bytes), bytes.length,
                            "application/octet-stream")).eTag());
            return uploaded(upload.key(), bytes.length, etag, sha256);
        } catch (SdkException e) {
            throw S3Errors.remote(name(upload.key()) + ": upload", e);
        }
    }

    /** The object just written, with the SHA-256 of what was sent (a listing would not show it). */
    private static RemoteObject uploaded(String key, long size, String etag, String sha256) {
        RemoteObject listed = remoteObject(key, size, etag, Instant.now());
        return new RemoteObject(key, size, listed.etag(), listed.contentMd5(), sha256, listed.lastModified());
    }

    @Override
    public void delete(String key) throws ConvergeException {
        try {
            s3.deleteObject(r -> r.bucket(target.container()).key(target.fullKey(key)));
        } catch (SdkException e) {
            RemoteException fault = S3Errors.remote(name(key) + ": delete", e);
            if (fault.status() != 404) {
                throw fault;
            }
        }
    }

    @Override
    public Optional<String> sha256(String key) throws ConvergeException {
        try {
            String value = s3.headObject(r -> r.bucket(target.container()).key(target.fullKey(key)))
                    .metadata().get(SHA256_METADATA);
            return Optional.ofNullable(value).filter(v -> !v.isBlank());
        } catch (SdkException e) {
            RemoteException fault = S3Errors.remote(name(key) + ": read metadata", e);
            // gone since it was listed: no recorded hash, so the engine treats the content as unknown
            if (fault.status() == 404) {
                return Optional.empty();
            }
            throw fault;
        }
    }

    @Override
    public Optional<String> rejectKey(String key) {
        return S3Keys.reject(target.fullKey(key), key);
    }

    @Override
    public void close() {
        s3.close();
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
