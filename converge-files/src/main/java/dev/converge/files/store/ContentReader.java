package dev.converge.files.store;

import dev.converge.core.ConvergeException;
import dev.converge.files.ContentHash;
import dev.converge.files.FileChangedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Reads an upload's file in blocks, each with its MD5, and checks the file did not change while it
 * was read: a hashed {@link Upload} must still hash to its SHA-256, an unhashed one must still have
 * the size and mtime it was stat'ed with. The check happens before the last block is handed over,
 * so a store that commits only after {@link #read} returns never publishes a file that changed
 * under it: the guarantee behind "no half-written or mixed object under its final name".
 */
public final class ContentReader {

    /** Receives one block; {@code bytes} is a fresh array the consumer may keep. */
    @FunctionalInterface
    public interface BlockConsumer {
        /** @param md5Hex the block's MD5, or null when the caller did not ask for block MD5s */
        void accept(int index, byte[] bytes, String md5Hex, boolean last) throws ConvergeException;
    }

    /**
     * What was read and handed over.
     *
     * @param blocks how many blocks
     * @param hash   the content's hashes; its MD5 is null when block MD5s were not asked for and the
     *               upload was unhashed
     */
    public record Result(int blocks, ContentHash hash) {
    }

    private ContentReader() {
    }

    /** {@link #read(Upload, int, boolean, BlockConsumer)} with each block's MD5. */
    public static Result read(Upload upload, int blockSize, BlockConsumer consumer) throws ConvergeException {
        return read(upload, blockSize, true, consumer);
    }

    /**
     * Reads {@code upload.file()} in blocks of {@code blockSize} bytes (the last may be shorter;
     * an empty file is one empty block) and passes each to {@code consumer}.
     *
     * @param blockMd5 whether each block's MD5 is wanted (a store that verifies nothing skips that work)
     * @throws FileChangedException when the content, size or mtime differs from what was planned
     */
    public static Result read(Upload upload, int blockSize, boolean blockMd5, BlockConsumer consumer)
            throws ConvergeException {
        MessageDigest sha256 = digest("SHA-256");
        // the whole file's MD5 is needed only when nobody computed it before; one block's is the block's
        MessageDigest wholeMd5 = !upload.hashed() && blockMd5 ? digest("MD5") : null;
        String onlyBlockMd5 = null;
        try (InputStream in = Files.newInputStream(upload.file())) {
            byte[] current = readBlock(in, blockSize);
            long total = current.length;
            int index = 0;
            while (true) {
                byte[] next = current.length < blockSize ? new byte[0] : readBlock(in, blockSize);
                sha256.update(current);
                boolean last = next.length == 0;
                String md5 = blockMd5 ? md5(current) : null;
                if (wholeMd5 != null && !(index == 0 && last)) {
                    wholeMd5.update(current);
                }
                String sha = null;
                if (last) {
                    sha = HexFormat.of().formatHex(sha256.digest());
                    checkUnchanged(upload, total, sha);
                    onlyBlockMd5 = index == 0 ? md5 : null;
                }
                consumer.accept(index, current, md5, last);
                index++;
                if (last) {
                    String whole = upload.hashed() ? upload.md5()
                            : wholeMd5 == null ? null : onlyBlockMd5 != null ? onlyBlockMd5 : HexFormat.of().formatHex(wholeMd5.digest());
                    return new Result(index, new ContentHash(whole, sha, total));
                }
                current = next;
                total += current.length;
            }
        } catch (NoSuchFileException e) {
            throw new FileChangedException(upload.key(), "vanished");
        } catch (IOException e) {
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * An upload whose hashes are known before it is sent, for stores that must name them before the
     * content (an S3 multipart upload sets its metadata when it starts). Reading the file twice is
     * the price; the second read still checks the first.
     */
    public static Upload hashedFirst(Upload upload) throws ConvergeException {
        if (upload.hashed()) {
            return upload;
        }
        try {
            ContentHash h = ContentHash.of(upload.file());
            // the hash must be of the file as it was stat'ed; the read that sends it then checks the hash
            BasicFileAttributes a = Files.readAttributes(upload.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (h.size() != upload.size() || a.size() != upload.size()
                    || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != upload.modifiedNanos()) {
                throw new FileChangedException(upload.key(), "modified");
            }
            return new Upload(upload.key(), upload.file(), upload.size(), h.md5(), h.sha256());
        } catch (NoSuchFileException e) {
            throw new FileChangedException(upload.key(), "vanished");
        } catch (IOException e) {
            throw new ConvergeException(upload.key() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The check behind "a file changed mid-upload is refused": what was read must still be the file
     * as planned. A hashed upload must hash to its SHA-256; an unhashed one must still have the size
     * and mtime it was stat'ed with, now that the last byte was read.
     *
     * @param total how many bytes were read
     * @param sha   the SHA-256 (lower-case hex) of what was read
     */
    public static void checkUnchanged(Upload upload, long total, String sha) throws IOException, FileChangedException {
        if (total != upload.size()) {
            throw new FileChangedException(upload.key(), "size changed from " + upload.size() + " to " + total);
        }
        if (upload.hashed()) {
            if (!sha.equals(upload.sha256())) {
                throw new FileChangedException(upload.key(), "content changed");
            }
            return;
        }
        BasicFileAttributes a = Files.readAttributes(upload.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.size() != total || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != upload.modifiedNanos()) {
            throw new FileChangedException(upload.key(), "modified");
        }
    }

    private static byte[] readBlock(InputStream in, int blockSize) throws IOException {
        return in.readNBytes(blockSize);
    }

    /** Lower-case hex MD5 of some bytes. */
    public static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5").digest(bytes));
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
