package dev.converge.files.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.converge.core.ConvergeException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.Upload;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One large file written as staged blocks and a final Put Block List.
 *
 * <p>Blocks are staged in parallel, at most {@code concurrency} at a time, which is what makes one
 * large file as fast as rclone's; the bound also bounds memory, since the reader waits for a free
 * slot before it reads further. Each block carries its own MD5, which the service checks. Staged
 * blocks stay invisible until the commit, and the commit happens only after
 * {@link ContentReader#read} has returned, so a file that changed while being read leaves nothing
 * under its key (the uncommitted blocks are garbage-collected by the service). The whole file's
 * hashes, which the commit records, come from that same read: the file is read once.
 */
final class StagedUpload {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BlockBlobClient blob;
    private final Upload upload;
    private final String what;
    private final int concurrency;
    /**
     * Distinguishes this attempt's block ids from any other writer's (or an earlier failed
     * attempt's) uncommitted blocks on the same blob. Ids must all have the same length.
     */
    private final byte[] attempt = new byte[16];

    StagedUpload(BlockBlobClient blob, Upload upload, String what, int concurrency) {
        this.blob = blob;
        this.upload = upload;
        this.what = what;
        this.concurrency = concurrency;
        RANDOM.nextBytes(attempt);
    }

    /** Stages every block, then commits them with the whole file's MD5 and SHA-256, computed in the same read. */
    SentBlob run(int blockSize) throws ConvergeException {
        List<String> ids = new ArrayList<>();
        ContentReader.Result read;
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // Leaving this block waits for the blocks still in flight, on success and on failure alike.
            read = ContentReader.read(upload, blockSize, (index, bytes, md5Hex, last) -> {
                throwIfFailed(failure);
                acquire(slots);
                String id = blockId(index);
                ids.add(id);
                pool.execute(() -> stage(id, bytes, md5Hex, slots, failure));
            });
        }
        throwIfFailed(failure);
        try {
            BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(ids)
                    .setHeaders(new BlobHttpHeaders().setContentMd5(HexFormat.of().parseHex(read.hash().md5())))
                    .setMetadata(Map.of(ObjectStore.SHA256_METADATA, read.hash().sha256()));
            BlockBlobItem written = blob.commitBlockListWithResponse(commit, null, Context.NONE).getValue();
            return new SentBlob(written.getETag(), written.getLastModified() == null ? null : written.getLastModified().toInstant(),
                    read.hash());
        } catch (RuntimeException e) {
            throw Faults.map(e, what);
        }
    }

    private void stage(String id, byte[] bytes, String md5Hex, Semaphore slots, AtomicReference<RuntimeException> failure) {
        try {
            if (failure.get() == null) {
                BlockBlobStageBlockOptions options = new BlockBlobStageBlockOptions(id, BinaryData.fromBytes(bytes))
                        .setContentMd5(HexFormat.of().parseHex(md5Hex));
                blob.stageBlockWithResponse(options, null, Context.NONE);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            slots.release();
        }
    }

    private void throwIfFailed(AtomicReference<RuntimeException> failure) throws ConvergeException {
        RuntimeException e = failure.get();
        if (e != null) {
            throw Faults.map(e, what);
        }
    }

    private void acquire(Semaphore slots) throws ConvergeException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException(what + ": interrupted", e);
        }
    }

    private String blockId(int index) {
        ByteBuffer id = ByteBuffer.allocate(attempt.length + Integer.BYTES).put(attempt).putInt(index);
        return Base64.getEncoder().encodeToString(id.array());
    }
}
