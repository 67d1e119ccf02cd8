package dev.converge.files;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.pipeline.ActionRunner;
import dev.converge.core.pipeline.Applied;
import dev.converge.core.progress.ProgressListener;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.Upload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The apply stage of a push: uploads and deletes one object. The file is stat'ed again just before
 * its upload, and the base records that stat with the SHA-256 of what the store says it sent; the
 * store checks the file did not change while it was sent (see {@link Upload}).
 */
final class FilesRunner implements ActionRunner<FileItem> {
    private final ObjectStore store;
    private final ProgressListener progress;

    FilesRunner(ObjectStore store, ProgressListener progress) {
        this.store = store;
        this.progress = progress;
    }

    @Override
    public Applied apply(Action<FileItem> action) throws Exception {
        return switch (action.type()) {
            case UPLOAD -> upload(action.item());
            case DELETE -> {
                store.delete(action.itemId());
                yield Applied.forgotten();
            }
            default -> throw new IllegalArgumentException("files cannot " + action.type().label());
        };
    }

    private Applied upload(FileItem planned) throws ConvergeException {
        Optional<String> rejected = store.rejectKey(planned.id());
        if (rejected.isPresent()) {
            throw new ConvergeException(planned.id() + ": " + store.describe() + " cannot hold this name: " + rejected.get());
        }
        FileItem now;
        try {
            BasicFileAttributes a = Files.readAttributes(planned.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object key = a.fileKey();
            now = new FileItem(planned.id(), planned.path(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? "" : key.toString(), null);
        } catch (NoSuchFileException e) {
            throw new FileChangedException(planned.id(), "vanished");
        } catch (IOException e) {
            throw new ConvergeException(planned.id() + ": cannot read: " + e.getMessage(), e);
        }
        // Hashed by the planner and untouched since: the store checks the content against that hash.
        // Otherwise (a new file, one touched since, or one hashed without the MD5 a store that uses
        // none was not given) the store hashes it in the read that sends it, checking size and mtime.
        ContentHash planHash = planned.hash();
        Upload upload = planHash != null && planHash.md5() != null && planned.stamp().sameAs(now)
                ? new Upload(planned.id(), planned.path(), planHash.size(), planHash.md5(), planHash.sha256())
                : Upload.unhashed(planned.id(), planned.path(), now.size(), now.mtimeNanos());
        RemoteObject written = store.upload(upload);
        if (written.sha256() == null) {
            throw new IllegalStateException(store.describe() + " did not say what it wrote for " + planned.id());
        }
        progress.transferred(upload.size());
        return Applied.ok(base(now.withHash(new ContentHash(written.contentMd5(), written.sha256(), upload.size())), written.etag()));
    }

    /** The base recorded for a file whose content is on the remote under that ETag. */
    static Base base(FileItem f, String etag) {
        return new Base(f.id(), f.stamp().fingerprint(), new Fingerprint(etag), Instant.now());
    }
}
