package dev.converge.files.store;

import dev.converge.core.ConvergeException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The right side of a files sync: a container/bucket and prefix in Azure Blob, S3, or a plain
 * directory. Small on purpose, as rclone's backends are: the engine does the comparing.
 *
 * <p>Faults are {@link ConvergeException}s: {@code UsageException} for a target that is wrong as
 * given (no such container, malformed name), {@code RemoteException} with the status and whether it
 * is transient for what the server answered. Implementations are safe for concurrent use.
 */
public interface ObjectStore extends AutoCloseable {
    /** Object metadata key under which converge records the content's SHA-256. */
    String SHA256_METADATA = "convergesha256";

    /** The target as the user would write it, without any secret ("s3://bucket/prefix"). */
    String describe();

    /**
     * Checks that the container/bucket exists and the credentials may list it; with
     * {@code create}, creates a missing one. Called once per run, before anything is listed.
     */
    void open(boolean create) throws ConvergeException;

    /**
     * Lists every object under the prefix, paged as the store pages, each passed to {@code sink}.
     * One listing per run: the engine never probes objects one by one to find changes.
     */
    void list(Consumer<RemoteObject> sink) throws ConvergeException;

    /**
     * {@link #list(Consumer)} with a hint: keys, sorted in {@code TreeScanner.KEY_ORDER}, that cut the
     * listing into ranges of about equal size (taken from the bases, so even when nothing changed). A
     * store whose listing is sequential page by page may list the ranges at once, up to
     * {@code parallelism} at a time; the ranges together cover the whole prefix, so the result is
     * the same as without the hint, whatever changed since the bases were recorded. The sink is
     * called on the calling thread only. The default ignores the hint.
     */
    default void list(List<String> splitKeys, int parallelism, Consumer<RemoteObject> sink) throws ConvergeException {
        list(sink);
    }

    /**
     * Whether {@link #list(List, int, Consumer)} uses its hint, so the engine reads the split keys
     * from the bases only for a store that lists in ranges.
     */
    default boolean listsInRanges() {
        return false;
    }

    /**
     * Writes one file so that it appears under its key whole or not at all. Large files go in
     * blocks/parts with MD5s the server verifies. If the file's content no longer matches
     * {@link Upload#sha256()} (it changed while being read), nothing is committed under the key and
     * {@link dev.converge.files.FileChangedException} is thrown.
     *
     * <p>An unhashed {@link Upload} (a file not read before) is hashed in the same read that sends it,
     * and refused as changed if its size or modification time moved meanwhile.
     *
     * @return the object as a listing will now show it, with {@link RemoteObject#sha256()} set to the
     *         SHA-256 of what was sent, whatever the listing carries
     */
    RemoteObject upload(Upload upload) throws ConvergeException;

    /** Removes one object; removing one that is already gone is not an error. */
    void delete(String key) throws ConvergeException;

    /**
     * The SHA-256 converge recorded in the object's metadata, for stores whose listing does not
     * carry metadata (S3). Empty when the object has none (written by another tool).
     */
    Optional<String> sha256(String key) throws ConvergeException;

    /**
     * Whether {@link #list} already passes objects in key order ({@code TreeScanner.KEY_ORDER}), so
     * the engine need not sort the listing: a sort of sorted input still compares every neighbour.
     */
    default boolean listsInKeyOrder() {
        return false;
    }

    /**
     * Whether an upload's MD5 is of any use to this store (a server that verifies it). When not, the
     * planner hashes a file with SHA-256 alone, and the upload checks size and mtime instead.
     */
    default boolean usesMd5() {
        return true;
    }

    /** Why this store cannot hold an object of that key, or empty when it can. */
    default Optional<String> rejectKey(String key) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
