package dev.converge.files.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a store's listing shows it.
 *
 * @param key          path relative to the target prefix, '/'-separated, no leading slash
 * @param size         bytes
 * @param etag         the store's version tag (S3/Azure ETag without quotes; for {@code dir:} size and mtime);
 *                     it changes whenever the object is rewritten, which is what the incremental test relies on
 * @param contentMd5   lower-case hex MD5 of the content where the listing carries it (Azure Content-MD5,
 *                     a single-part S3 ETag), else null
 * @param sha256       lower-case hex SHA-256 that converge stored in the object's metadata, where the listing
 *                     carries metadata (Azure, dir), else null
 * @param lastModified when the store last wrote it
 */
public record RemoteObject(String key, long size, String etag, String contentMd5, String sha256, Instant lastModified) {
    public RemoteObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
    }
}
