package dev.converge.files.dir;

import dev.converge.core.ConvergeException;
import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies an upload's file into {@link DirStore}'s open temporary file, computing its SHA-256 from
 * the very bytes written, and checks afterwards that the file did not change while it was read
 * ({@link ContentReader#checkUnchanged}); the caller renames the temporary file only when this
 * returns. A file of more than one block is written by a second thread fed through a small bounded
 * queue of reused direct buffers, so the disk reads the next blocks while the last ones are being
 * written: one thread doing read, hash, write one after another kept a 1 GiB copy 17-27 % behind
 * rclone's. Direct buffers go to and from the kernel without the copy a heap array costs, and the
 * few of them bound the memory a copy takes whatever the file's size.
 */
final class BlockCopier {
    static final int BLOCK = 1024 * 1024;
    /** Enough for the reader to stay a few blocks ahead of the writer; more only costs memory. */
    private static final int BUFFERS = 4;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private BlockCopier() {
    }

    /**
     * @return the hashes of what was written: the SHA-256, and the MD5 only when the upload came with one
     * @throws IOException only when writing {@code out} failed; a source that cannot be read is a
     *                     {@link ConvergeException} naming it
     */
    static ContentHash copy(Upload upload, FileChannel out) throws ConvergeException, IOException {
        MessageDigest sha256 = sha256();
        long total;
        try (FileChannel in = FileChannel.open(upload.file(), StandardOpenOption.READ)) {
            total = upload.size() <= BLOCK ? inline(in, out, sha256, upload.size()) : piped(in, out, sha256);
            String sha = HexFormat.of().formatHex(sha256.digest());
            ContentReader.checkUnchanged(upload, total, sha);
            return new ContentHash(upload.hashed() ? upload.md5() : null, sha, total);
        } catch (NoSuchFileException e) {
            throw new FileChangedException(upload.key(), "vanished");
        } catch (ReadFailure e) {
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getCause().getMessage(), e.getCause());
        } catch (WriteFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            // opening or stat'ing the source
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A read of the source failed: the source is named, not the target. */
    private static final class ReadFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }
    }

    /** A write of the target failed: the caller names the target. */
    private static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** A small file (most of them): one buffer, one thread; it still reads to the end, should the file have grown. */
    private static long inline(FileChannel in, FileChannel out, MessageDigest sha256, long planned) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(BLOCK, planned + 1)));
        long total = 0;
        boolean eof = false;
        while (!eof) {
            eof = fill(in, buffer);
            total += hashAndFlip(buffer, sha256);
            writeFully(out, buffer);
        }
        return total;
    }

    private static long piped(FileChannel in, FileChannel out, MessageDigest sha256) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(BLOCK));
        }
        Writer writer = new Writer(out, full, free);
        Thread thread = Thread.ofPlatform().name("converge-dir-writer").daemon().start(writer);
        long total = 0;
        try {
            boolean eof = false;
            while (!eof && writer.failure == null) {
                ByteBuffer buffer = free.take();
                eof = fill(in, buffer);
                total += hashAndFlip(buffer, sha256);
                full.put(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        } finally {
            // never blocks: the writer hands every buffer back, so at most BUFFERS of them are queued
            full.add(END);
            joinUninterruptibly(thread);
        }
        if (writer.failure != null) {
            throw writer.failure;
        }
        return total;
    }

    /** Writes what the reader hands over; after a failure it only hands buffers back, so the reader never waits forever. */
    private static final class Writer implements Runnable {
        private final FileChannel out;
        private final BlockingQueue<ByteBuffer> full;
        private final BlockingQueue<ByteBuffer> free;
        volatile WriteFailure failure;

        Writer(FileChannel out, BlockingQueue<ByteBuffer> full, BlockingQueue<ByteBuffer> free) {
            this.out = out;
            this.full = full;
            this.free = free;
        }

        @Override
        public void run() {
            while (true) {
                ByteBuffer buffer;
                try {
                    buffer = full.take();
                } catch (InterruptedException e) {
                    failure = new WriteFailure(new InterruptedIOException("interrupted while writing"));
                    return;
                }
                if (buffer == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        writeFully(out, buffer);
                    } catch (WriteFailure e) {
                        failure = e;
                    }
                }
                free.add(buffer);
            }
        }
    }

    /** Reads until the buffer is full or the file ends; true at the end of the file. */
    private static boolean fill(FileChannel in, ByteBuffer buffer) throws ReadFailure {
        buffer.clear();
        try {
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
        return false;
    }

    /** Hashes what {@link #fill} read and leaves the buffer ready to be written; returns how many bytes. */
    private static int hashAndFlip(ByteBuffer buffer, MessageDigest sha256) {
        buffer.flip();
        int n = buffer.remaining();
        sha256.update(buffer);
        buffer.rewind();
        return n;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws WriteFailure {
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
