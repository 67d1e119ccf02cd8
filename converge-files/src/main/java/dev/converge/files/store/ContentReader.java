package dev.converge.files.store;

import dev.converge.core.ConvergeException;
import dev.converge.files.FileChangedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an upload's file in blocks, each with its MD5, and checks that the whole still hashes to
 * the SHA-256 recorded when it was planned. The check happens before the last block is handed
 * over, so a store that commits only after {@link #read} returns never publishes a file that
 * changed under it: the guarantee behind "no half-written or mixed object under its final name".
 */
public final class ContentReader {

    /** Receives one block; {@code bytes} is a fresh array the consumer may keep. */
    @FunctionalInterface
    public interface BlockConsumer {
        void accept(int index, byte[] bytes, String md5Hex, boolean last) throws ConvergeException;
    }

    private ContentReader() {
    }

    /**
     * Reads {@code upload.file()} in blocks of {@code blockSize} bytes (the last may be shorter;
     * an empty file is one empty block) and passes each to {@code consumer}.
     *
     * @return the number of blocks
     * @throws FileChangedException when the content or size differs from what was planned
     */
    public static int read(Upload upload, int blockSize, BlockConsumer consumer) throws ConvergeException {
        MessageDigest sha256 = digest("SHA-256");
        try (InputStream in = Files.newInputStream(upload.file())) {
            byte[] current = readBlock(in, blockSize);
            long total = current.length;
            int index = 0;
            while (true) {
                byte[] next = current.length < blockSize ? new byte[0] : readBlock(in, blockSize);
                sha256.update(current);
                boolean last = next.length == 0;
                if (last) {
                    verify(upload, total, sha256);
                }
                consumer.accept(index, current, md5(current), last);
                index++;
                if (last) {
                    return index;
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

    private static void verify(Upload upload, long total, MessageDigest sha256) throws FileChangedException {
        if (total != upload.size()) {
            throw new FileChangedException(upload.key(), "size changed from " + upload.size() + " to " + total);
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(upload.sha256())) {
            throw new FileChangedException(upload.key(), "content changed");
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
