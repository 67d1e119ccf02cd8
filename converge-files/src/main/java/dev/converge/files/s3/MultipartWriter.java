package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.Upload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes one large file as an S3 multipart upload: parts go up while the file is still being read,
 * at most {@code parallelism} at a time, each with its Content-MD5 for the server to verify. The
 * upload is completed only after {@link ContentReader#read} returned, i.e. after the file was found
 * unchanged, and aborted on any failure, so neither a mixed object nor a dangling upload remains.
 *
 * <p>Memory stays bounded: the reader holds two blocks and each part in flight one, so at most
 * {@code (parallelism + 2) × partSize} bytes per file.
 */
final class MultipartWriter {
    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final int parallelism;

    MultipartWriter(S3Client s3, String bucket, int partSize, int parallelism) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.parallelism = parallelism;
    }

    /**
     * @param fullKey the object key including the prefix
     * @param name    how messages name the object ("s3://bucket/prefix/key")
     * @return the ETag S3 gave the completed object, bare
     */
    String write(Upload upload, String fullKey, String name) throws ConvergeException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(fullKey)
                    .metadata(Map.of(ObjectStore.SHA256_METADATA, upload.sha256()))).uploadId();
        } catch (SdkException e) {
            throw SdkErrors.remote(name + ": start multipart upload", e);
        }
        try {
            List<CompletedPart> parts = uploadParts(upload, fullKey, name, uploadId);
            return S3Keys.bareEtag(s3.completeMultipartUpload(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag());
        } catch (SdkException e) {
            RemoteException failure = SdkErrors.remote(name + ": complete multipart upload", e);
            abort(fullKey, uploadId, failure);
            throw failure;
        } catch (ConvergeException | RuntimeException | Error e) {
            abort(fullKey, uploadId, e);
            throw e;
        }
    }

    /** Returns only once every part has finished, successfully or not, so an abort that follows is final. */
    private List<CompletedPart> uploadParts(Upload upload, String fullKey, String name, String uploadId)
            throws ConvergeException {
        Semaphore slots = new Semaphore(parallelism);
        AtomicReference<ConvergeException> failure = new AtomicReference<>();
        Map<Integer, CompletedPart> done = new ConcurrentSkipListMap<>();
        // closing the executor waits for the parts in flight, whichever way the reading ends
        try (ExecutorService parts = Executors.newVirtualThreadPerTaskExecutor()) {
            ContentReader.read(upload, partSize, (index, bytes, md5Hex, last) -> {
                acquire(slots, name);
                ConvergeException earlier = failure.get();
                if (earlier != null) {
                    slots.release();
                    throw earlier;
                }
                int partNumber = index + 1;
                parts.execute(() -> {
                    try {
                        done.put(partNumber, uploadPart(fullKey, uploadId, partNumber, bytes, md5Hex));
                    } catch (SdkException e) {
                        failure.compareAndSet(null, SdkErrors.remote(name + ": upload part " + partNumber, e));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new ConvergeException(name + ": upload part " + partNumber + ": " + e, e));
                    } finally {
                        slots.release();
                    }
                });
            });
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new ArrayList<>(done.values());
    }

    private CompletedPart uploadPart(String fullKey, String uploadId, int partNumber, byte[] bytes, String md5Hex) {
        String etag = s3.uploadPart(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) bytes.length).contentMD5(S3Store.base64Md5(md5Hex)),
                // the block is ours alone (ContentReader hands over fresh arrays): no defensive copy
                RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(bytes), bytes.length,
                        "application/octet-stream")).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private void abort(String fullKey, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId));
        } catch (SdkException e) {
            // the upload may stay behind until a lifecycle rule clears it; the first fault is what matters
            cause.addSuppressed(e);
        }
    }

    private static void acquire(Semaphore slots, String name) throws ConvergeException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException(name + ": upload interrupted", e);
        }
    }
}
