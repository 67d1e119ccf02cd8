package dev.converge.files.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to write under one key.
 *
 * <p>Either <em>hashed</em>: its MD5 and SHA-256 are known before it is sent (the planner hashed it
 * to compare it), and the reader checks that what it sends still hashes to them. Or
 * <em>unhashed</em> (a new file, never read yet): the hashes are computed in the same read that
 * sends it, and the reader checks instead that the file's size and modification time, taken just
 * before, are still the same after the last byte was read; so a file being written while it is
 * sent is still refused, and a file is read once instead of twice.
 *
 * @param key           destination key relative to the target prefix
 * @param file          the local file
 * @param size          its size when it was hashed (hashed) or stat'ed (unhashed)
 * @param md5           lower-case hex MD5 of the content when it was hashed: the store must have the server
 *                      verify it (Content-MD5 on a single put, per-block MD5 on staged blocks); null when unhashed
 * @param sha256        lower-case hex SHA-256 of the content when it was hashed: stored as object metadata
 *                      {@value ObjectStore#SHA256_METADATA}; null when unhashed
 * @param modifiedNanos the file's modification time (ns since the epoch) when stat'ed; checked only when unhashed
 */
public record Upload(String key, Path file, long size, String md5, String sha256, long modifiedNanos) {
    public Upload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        if ((md5 == null) != (sha256 == null)) {
            throw new IllegalArgumentException("an upload has both hashes or neither");
        }
    }

    /** A hashed upload: the content must still hash to {@code md5} and {@code sha256}. */
    public Upload(String key, Path file, long size, String md5, String sha256) {
        this(key, file, size, Objects.requireNonNull(md5, "md5"), Objects.requireNonNull(sha256, "sha256"), 0);
    }

    /** An unhashed upload: hashed while it is read, and refused if its size or mtime moved meanwhile. */
    public static Upload unhashed(String key, Path file, long size, long modifiedNanos) {
        return new Upload(key, file, size, null, null, modifiedNanos);
    }

    public boolean hashed() {
        return sha256 != null;
    }
}
