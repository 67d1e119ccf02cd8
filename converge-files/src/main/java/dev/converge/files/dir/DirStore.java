package dev.converge.files.dir;

import dev.converge.core.ConvergeException;
import dev.converge.files.ContentHash;
import dev.converge.files.SortedWalk;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plain directory as the target ({@code dir:PATH}): the embedded default, and what a backup disk
 * or a mounted share looks like. Each object is written to a temporary file beside its final name
 * and renamed over it, so no half-written file ever appears under the final name. Content hashes
 * are computed from the file itself when asked: a recorded hash (an extended attribute) would go
 * stale when someone edits the file in place, and a local file is cheap to read.
 */
public final class DirStore implements ObjectStore {
    static final String TEMP_PREFIX = ".converge-tmp-";

    private final Path root;
    private final String described;
    private final Set<Path> madeDirs = ConcurrentHashMap.newKeySet();

    public DirStore(Path root, String described) {
        this.root = root;
        this.described = described;
    }

    @Override
    public String describe() {
        return described;
    }

    @Override
    public void open(boolean create) throws ConvergeException {
        if (Files.isDirectory(root)) {
            return;
        }
        if (Files.exists(root)) {
            throw new dev.converge.core.UsageException(described + " is not a directory");
        }
        if (!create) {
            throw new ContainerMissingException("directory " + root + " does not exist; use --create to create it");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ConvergeException("cannot create directory " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void list(Consumer<RemoteObject> sink) throws ConvergeException {
        try {
            // in key order already, so the caller's sort has nothing to move
            SortedWalk.walk(root, new SortedWalk.Visitor() {
                @Override
                public boolean enter(String id) {
                    return true;
                }

                @Override
                public void file(String id, Path path, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !path.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        sink.accept(object(id, attrs));
                    }
                }

                @Override
                public void failed(String id, IOException e) throws IOException {
                    throw e;
                }

                @Override
                public void listingFailed(String id, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ConvergeException("cannot list " + described + ": " + e.getMessage(), e);
        }
    }

    /** {@link SortedWalk} lists in key order. */
    @Override
    public boolean listsInKeyOrder() {
        return true;
    }

    /** Nothing here verifies an MD5. */
    @Override
    public boolean usesMd5() {
        return false;
    }

    @Override
    public RemoteObject upload(Upload upload) throws ConvergeException {
        Path target = resolve(upload.key());
        Path temp = null;
        try {
            Path parent = target.getParent();
            ensureDirectory(parent);
            // unique, not unguessable, is what a temporary name here needs: the directory is the user's own,
            // and CREATE_NEW refuses a name that exists (a retry picks another)
            temp = parent.resolve(TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            ContentHash sent;
            // CREATE_NEW: one open that also proves the name is ours (Files.createTempFile opens twice);
            // no block MD5s: nothing on this side verifies them; the SHA-256 is what the base records
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                sent = BlockCopier.copy(upload, out);
            }
            move(temp, target);
            temp = null;
            RemoteObject written = object(upload.key(), Files.readAttributes(target, BasicFileAttributes.class));
            return new RemoteObject(written.key(), written.size(), written.etag(), sent.md5(), sent.sha256(),
                    written.lastModified());
        } catch (IOException e) {
            throw new ConvergeException(upload.key() + ": cannot write " + described + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A stray temp file is skipped by listings and replaced by the next upload.
                }
            }
        }
    }

    /**
     * Creates a directory once per run: {@link Files#createDirectories} on an existing directory
     * costs a failed mkdir, an exception and a stat, which for 10,000 files in 100 directories was
     * a visible share of a first push.
     */
    private void ensureDirectory(Path dir) throws IOException {
        if (!madeDirs.contains(dir)) {
            Files.createDirectories(dir);
            madeDirs.add(dir);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void delete(String key) throws ConvergeException {
        Path p = resolve(key);
        try {
            Files.deleteIfExists(p);
            // Leave no empty directories behind, as object stores have none.
            for (Path dir = p.getParent(); dir != null && !dir.equals(root) && isEmptyDir(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new ConvergeException(key + ": cannot delete from " + described + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> sha256(String key) throws ConvergeException {
        Path p = resolve(key);
        try {
            return Optional.of(ContentHash.of(p).sha256());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConvergeException(key + ": cannot read " + described + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> rejectKey(String key) {
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..") || segment.startsWith(TEMP_PREFIX)) {
                return Optional.of("the path segment '" + segment + "' is reserved");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                return Optional.of("a path segment is longer than 255 bytes");
            }
        }
        return Optional.empty();
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("key escapes the target directory: " + key);
        }
        return p;
    }

    /** The ETag of a directory object: its size and modification time, which any rewrite changes. */
    private static RemoteObject object(String key, BasicFileAttributes a) {
        long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return new RemoteObject(key, a.size(), Long.toHexString(a.size()) + "-" + Long.toHexString(mtime), null, null,
                a.lastModifiedTime().toInstant());
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

}
