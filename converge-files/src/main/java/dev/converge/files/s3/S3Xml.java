package dev.converge.files.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * The ListObjectsV2 pages the lean path receives, as converge reads them (only the elements it
 * uses, by {@link ListPageReader}; an SDK model object per entry is what made listing expensive). Error bodies are read by {@link dev.converge.files.http.StoreXml#errorCode}.
 */
final class S3Xml {
    /** One {@code <Contents>} entry, its key decoded. */
    record Entry(String key, long size, String etag, Instant lastModified) {
    }

    /** One page's entries and what it says about the next page. */
    record Page(List<Entry> entries, boolean truncated, String nextToken) {
    }

    private S3Xml() {
    }

    /**
     * Reads one ListObjectsV2 page ({@link ListPageReader}). Keys are URL-decoded when the page says
     * {@code <EncodingType>url</EncodingType>}, which may come after the entries: a store that
     * ignores the {@code encoding-type=url} the request asks for sends keys as they are, and
     * decoding those would turn a '+' into a space.
     */
    static Page listPage(InputStream in) throws IOException {
        return ListPageReader.read(in.readAllBytes());
    }
}
