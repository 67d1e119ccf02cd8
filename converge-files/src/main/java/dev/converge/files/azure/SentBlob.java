package dev.converge.files.azure;

import dev.converge.files.ContentHash;
import java.time.Instant;

/**
 * What a Put Blob or Put Block List committed, with the hashes of the content it was read from.
 *
 * @param etag         the new blob's ETag as the answer gave it (quotes removed by the store)
 * @param lastModified the answer's Last-Modified, or null
 */
record SentBlob(String etag, Instant lastModified, ContentHash hash) {
}
