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
 * The apply stage of a push: uploads and deletes one object. The file is stat'ed and hashed again
 * just before its upload, so the base records what was actually sent, and the store checks the
 * content still matches while sending it.
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
        ContentHash hash;
        try {
            BasicFileAttributes a = Files.readAttributes(planned.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object key = a.fileKey();
            now = new FileItem(planned.id(), planned.path(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? "" : key.toString(), null);
            hash = planned.hash() != null && LocalStamp.parse(planned.stamp().fingerprint()).sameAs(now)
                    ? planned.hash() : ContentHash.of(planned.path());
        } catch (NoSuchFileException e) {
            throw new FileChangedException(planned.id(), "vanished");
        } catch (IOException e) {
            throw new ConvergeException(planned.id() + ": cannot read: " + e.getMessage(), e);
        }
        FileItem sent = now.withHash(hash);
        RemoteObject written = store.upload(new Upload(planned.id(), planned.path(), hash.size(), hash.md5(), hash.sha256()));
        progress.transferred(hash.size());
        return Applied.ok(base(sent, written.etag()));
    }

    /** The base recorded for a file whose content is on the remote under that ETag. */
    static Base base(FileItem f, String etag) {
        return new Base(f.id(), f.stamp().fingerprint(), new Fingerprint(etag), Instant.now());
    }
}
