package dev.converge.files.azure;

import dev.converge.core.UsageException;
import dev.converge.files.store.StoreSettings;
import java.util.Locale;

/**
 * How files are cut into blocks.
 *
 * @param blockSize   files up to this size go in one Put Blob; larger ones in staged blocks of this
 *                    size (setting {@code block_size}, bytes or with a KiB/MiB suffix; default 4 MiB,
 *                    rclone's default too)
 * @param concurrency blocks of one file in flight at once (setting {@code block_concurrency},
 *                    default 8): what makes one large file fast, at a memory cost of about
 *                    {@code (concurrency + 2) * blockSize} per file being uploaded
 */
record UploadOptions(int blockSize, int concurrency) {
    static final int DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
    static final int DEFAULT_CONCURRENCY = 8;
    /** Azure's largest block (4,000 MiB) would not fit an array; this keeps memory in reason too. */
    static final int MAX_BLOCK_SIZE = 256 * 1024 * 1024;
    static final int MIN_BLOCK_SIZE = 1024;
    static final int MAX_CONCURRENCY = 64;
    /** Azure's limit of committed blocks per blob. */
    static final int MAX_BLOCKS = 50_000;

    static UploadOptions from(StoreSettings settings) throws UsageException {
        String size = settings.values().get("block_size");
        String concurrency = settings.values().get("block_concurrency");
        return new UploadOptions(
                size == null ? DEFAULT_BLOCK_SIZE : (int) parse("block_size", size, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE, true),
                concurrency == null ? DEFAULT_CONCURRENCY : (int) parse("block_concurrency", concurrency, 1, MAX_CONCURRENCY, false));
    }

    /**
     * The block size for a file of this size: the configured one, grown where needed so that the
     * file fits in Azure's 50,000 blocks.
     */
    int blockSizeFor(long fileSize) {
        long needed = (fileSize + MAX_BLOCKS - 1) / MAX_BLOCKS;
        return (int) Math.max(blockSize, Math.min(needed, Integer.MAX_VALUE - 8));
    }

    private static long parse(String name, String raw, long min, long max, boolean units) throws UsageException {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (units) {
            for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"k", "1024"}, {"m", "1048576"}}) {
                if (s.endsWith(suffix[0])) {
                    s = s.substring(0, s.length() - suffix[0].length()).trim();
                    unit = Long.parseLong(suffix[1]);
                    break;
                }
            }
        }
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("Azure setting " + name + ": '" + raw + "' is not a number"
                    + (units ? " of bytes (a KiB or MiB suffix may follow)" : ""));
        }
        if (value < min || value > max) {
            throw new UsageException("Azure setting " + name + ": " + raw + " is out of range " + min + ".." + max
                    + (units ? " bytes" : ""));
        }
        return value;
    }
}
