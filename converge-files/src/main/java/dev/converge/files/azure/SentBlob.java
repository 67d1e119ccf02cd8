package dev.converge.files.azure;

import com.azure.storage.blob.models.BlockBlobItem;
import dev.converge.files.ContentHash;

/** What a Put Blob or Put Block List committed, with the hashes of the content it was read from. */
record SentBlob(BlockBlobItem written, ContentHash hash) {
}
