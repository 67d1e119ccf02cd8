package dev.converge.files.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to write under one key.
 *
 * @param key    destination key relative to the target prefix
 * @param file   the local file
 * @param size   its size when it was hashed
 * @param md5    lower-case hex MD5 of the content when it was hashed: the store must have the server
 *               verify it (Content-MD5 on a single put, per-block MD5 on staged blocks)
 * @param sha256 lower-case hex SHA-256 of the content when it was hashed: stored as object metadata
 *               {@value ObjectStore#SHA256_METADATA}
 */
public record Upload(String key, Path file, long size, String md5, String sha256) {
    public Upload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha256, "sha256");
    }
}
