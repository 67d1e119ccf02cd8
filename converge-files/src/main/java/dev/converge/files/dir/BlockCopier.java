package dev.converge.files.dir;

import dev.converge.core.ConvergeException;
import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import dev.converge.files.store.ContentReader;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies an upload's file into {@link DirStore}'s open temporary file, computing its SHA-256 from
 * the very bytes written, and checks afterwards that the file did not change while it was read
 * ({@link ContentReader#checkUnchanged}); the caller renames the temporary file only when this
 * returns. One buffer of at most a block, reused for every block: a 1 GiB file used to be copied
 * through 1,024 fresh 1 MiB arrays (peak RSS 190 MiB, now 90 MiB).
 *
 * <p>Overlapping the reads with the writes (a writer thread fed through a bounded queue of four
 * reused direct buffers) was built and measured against this single thread, alternately, at load
 * 15 on the 2-core machine: 17.7-19.8 s against 8.8-16.6 s wall for 1 GiB, the same CPU; so it
 * was not kept. See docs/PERFORMANCE.md.
 */
final class BlockCopier {
    static final int BLOCK = 1024 * 1024;

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
            total = copy(in, out, sha256, upload.size());
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

    /** Reads, hashes and writes one block after another, to the end of the file, should it have grown. */
    private static long copy(FileChannel in, FileChannel out, MessageDigest sha256, long planned) throws IOException {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
