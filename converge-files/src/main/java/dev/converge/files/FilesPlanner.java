package dev.converge.files;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Side;
import dev.converge.core.state.StateStore;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The compare and plan stages of a push: for every file, its base and its remote object decide
 * whether it is unchanged, added, modified, deleted, or changed on both sides. Only files that
 * fail the cheap test (size, mtime and inode as recorded, remote ETag as recorded) are hashed, in
 * parallel. Nothing is written here.
 */
final class FilesPlanner {
    private final ObjectStore store;
    private final PushMode mode;
    private final boolean force;
    private final boolean delete;
    private final int concurrency;

    FilesPlanner(ObjectStore store, PushMode mode, boolean force, boolean delete, int concurrency) {
        this.store = store;
        this.mode = mode;
        this.force = force;
        this.delete = delete;
        this.concurrency = concurrency;
    }

    /**
     * Walks the three sides as one sorted merge: the scan (sorted), the remote listing (sorted by
     * the caller) and the bases as the state store streams them in key order. No side is put in a
     * map, the bases are never all in memory at once, and an unchanged file leaves nothing behind
     * but a count.
     *
     * @param remote the listing, sorted by {@link TreeScanner#KEY_ORDER}
     * @param bases  streams the bases of this sync in {@link TreeScanner#KEY_ORDER}
     */
    FilesPlan plan(TreeScanner.Scan scan, List<RemoteObject> remote, BaseSource bases) throws ConvergeException {
        Instant planned = Instant.now();
        Merge m = new Merge(scan.files(), remote);
        for (TreeScanner.ScanError e : scan.errors()) {
            m.failures.add(failure(new FileItem(e.id(), null, 0, 0, "", null), e.message(), planned));
        }
        bases.forEach(m::base);
        m.rest();
        m.changes.merge("unchanged", m.unchanged, Long::sum);

        // Files that the cheap test could not vouch for are hashed, in parallel, and only then decided.
        Map<String, ContentHash> hashes = hash(m.toHash, m.failures, planned);
        for (Triple t : m.toHash) {
            ContentHash h = hashes.get(t.file().id());
            if (h != null) {
                decide(t.file().withHash(h), t.stamp(), t.base(), t.remote(), m.uploads, m.rebases, m.changes);
            }
        }
        m.uploads.sort(Comparator.comparing(Action::itemId, TreeScanner.KEY_ORDER));
        return new FilesPlan(m.uploads, m.deletes, m.failures, m.rebases, m.forgets, m.changes, remote.size());
    }

    /** Streams bases in key order. */
    @FunctionalInterface
    interface BaseSource {
        void forEach(StateStore.FingerprintSink sink) throws ConvergeException;
    }

    /** One file with its base (parsed once) and remote object, waiting for its hash. */
    private record Triple(FileItem file, LocalStamp stamp, Recorded base, RemoteObject remote) {
    }

    /** A base as the merge needs it: the fingerprint each side had at the last push. */
    private record Recorded(Fingerprint left, Fingerprint right) {
    }

    /** The state of the merge: cursors into the two sorted lists, and what has been decided so far. */
    private final class Merge {
        final List<FileItem> files;
        final List<RemoteObject> remote;
        int nextFile;
        int nextRemote;
        String lastBase;
        long unchanged;
        final List<Action<FileItem>> uploads = new ArrayList<>();
        final List<Action<FileItem>> deletes = new ArrayList<>();
        final List<Outcome> failures = new ArrayList<>();
        final List<Base> rebases = new ArrayList<>();
        final List<String> forgets = new ArrayList<>();
        final List<Triple> toHash = new ArrayList<>();
        final Map<String, Long> changes = new LinkedHashMap<>();

        Merge(List<FileItem> files, List<RemoteObject> remote) {
            this.files = files;
            this.remote = remote;
            for (String k : List.of("added", "modified", "deleted", "conflicts", "unchanged", "remote_only")) {
                changes.put(k, 0L);
            }
        }

        /** The next base in key order: first every key before it, then its own. */
        void base(String id, Fingerprint left, Fingerprint right) {
            Recorded b = new Recorded(left, right);
            if (lastBase != null && TreeScanner.KEY_ORDER.compare(lastBase, id) >= 0) {
                // the merge is only right on sorted input; a store that streams otherwise is a bug
                throw new IllegalStateException("bases out of order: " + lastBase + " before " + id);
            }
            lastBase = id;
            boolean fileHere = nextFile < files.size() && files.get(nextFile).id().equals(id);
            boolean remoteHere = nextRemote < remote.size() && remote.get(nextRemote).key().equals(id);
            if (!fileHere || !remoteHere) {
                // the common case, a key on all three sides, has nothing before it to catch up on
                until(id);
                fileHere = nextFile < files.size() && files.get(nextFile).id().equals(id);
                remoteHere = nextRemote < remote.size() && remote.get(nextRemote).key().equals(id);
            }
            one(id, fileHere ? files.get(nextFile++) : null, b, remoteHere ? remote.get(nextRemote++) : null);
        }

        /** Everything after the last base. */
        void rest() {
            until(null);
        }

        /** Every file and remote object before {@code limit} (all of them when null): they have no base. */
        private void until(String limit) {
            while (true) {
                FileItem f = nextFile < files.size() ? files.get(nextFile) : null;
                RemoteObject r = nextRemote < remote.size() ? remote.get(nextRemote) : null;
                if (f != null && limit != null && TreeScanner.KEY_ORDER.compare(f.id(), limit) >= 0) {
                    f = null;
                }
                if (r != null && limit != null && TreeScanner.KEY_ORDER.compare(r.key(), limit) >= 0) {
                    r = null;
                }
                if (f == null && r == null) {
                    return;
                }
                int c = f == null ? 1 : r == null ? -1 : TreeScanner.KEY_ORDER.compare(f.id(), r.key());
                if (c <= 0) {
                    nextFile++;
                }
                if (c >= 0) {
                    nextRemote++;
                }
                one(c <= 0 ? f.id() : r.key(), c <= 0 ? f : null, null, c >= 0 ? r : null);
            }
        }

        private void one(String id, FileItem f, Recorded b, RemoteObject r) {
            if (f == null) {
                gone(id, b, r);
                return;
            }
            if (force) {
                decideUnhashed(f, r, uploads, changes);
                return;
            }
            boolean cheapOk = b != null && LocalStamp.sameAs(b.left(), f) && remoteAsRecorded(b, r);
            if (mode == PushMode.INCREMENTAL && cheapOk) {
                unchanged++; // the one count every file of a no-op takes: no boxing, no map
            } else if (mode == PushMode.INCREMENTAL && b == null && r == null) {
                // new on this side and absent on the other: nothing to compare, so no hash yet;
                // the upload hashes it in the same read that sends it
                count(changes, "added");
                uploads.add(upload(f, ChangeType.ADDED, Side.LEFT, "new file"));
            } else if (mode == PushMode.ALL && r == null) {
                count(changes, "added");
                uploads.add(upload(f, ChangeType.ADDED, Side.LEFT, "new file"));
            } else {
                toHash.add(new Triple(f, b == null ? null : LocalStamp.parse(b.left()), b, r));
            }
        }

        /** A key with no local file: deleted locally since the last push, or never ours. */
        private void gone(String id, Recorded b, RemoteObject r) {
            if (r == null) {
                // Gone on both sides: only the base is left to forget.
                forgets.add(id);
                return;
            }
            FileItem remoteOnly = new FileItem(id, null, r.size(), 0, "", null);
            if (b == null) {
                count(changes, "remote_only");
                if (delete) {
                    deletes.add(new Action<>(remoteOnly, ActionType.DELETE,
                            new Change(id, ChangeType.DELETED, Side.LEFT, "not in source"), "not in source"));
                }
                return;
            }
            count(changes, "deleted");
            Change c = new Change(id, ChangeType.DELETED, Side.LEFT, "deleted locally");
            deletes.add(delete
                    ? new Action<>(remoteOnly, ActionType.DELETE, c, "deleted locally")
                    : new Action<>(remoteOnly, ActionType.SKIP, c, "deleted locally; kept on the remote (use --delete to remove)"));
        }
    }

    private static boolean remoteAsRecorded(Recorded b, RemoteObject r) {
        return r != null && b != null && b.right() != null && r.etag().equals(b.right().value());
    }

    private static void decideUnhashed(FileItem f, RemoteObject r, List<Action<FileItem>> uploads, Map<String, Long> changes) {
        count(changes, r == null ? "added" : "modified");
        uploads.add(upload(f, r == null ? ChangeType.ADDED : ChangeType.MODIFIED, Side.LEFT, "--force"));
    }

    /** Decides a file that failed the cheap test (or any file in {@code --mode all}), now that it is hashed. */
    private void decide(FileItem f, LocalStamp base, Recorded b, RemoteObject r, List<Action<FileItem>> uploads,
                        List<Base> rebases, Map<String, Long> changes) throws ConvergeException {
        String id = f.id();
        boolean remoteAsRecorded = remoteAsRecorded(b, r);
        ContentHash h = f.hash();
        if (mode == PushMode.ALL || b == null) {
            // No trustworthy base: the remote's content decides.
            if (r == null) {
                count(changes, "added");
                uploads.add(upload(f, ChangeType.ADDED, Side.LEFT, "new file"));
            } else if (sameContent(r, h)) {
                count(changes, "unchanged");
                rebases.add(FilesRunner.base(f, r.etag()));
            } else {
                count(changes, "modified");
                uploads.add(upload(f, ChangeType.MODIFIED, Side.LEFT, b == null
                        ? "differs from the remote object (no record of an earlier push)" : "content differs from the remote"));
            }
            return;
        }
        boolean localChanged = !Objects.equals(base == null ? null : base.sha256(), h.sha256());
        boolean remoteChanged = !remoteAsRecorded;
        if (!localChanged && !remoteChanged) {
            count(changes, "unchanged");
            rebases.add(FilesRunner.base(f, r.etag()));
        } else if (localChanged && !remoteChanged) {
            count(changes, "modified");
            uploads.add(upload(f, ChangeType.MODIFIED, Side.LEFT, "modified"));
        } else if (r == null) {
            count(changes, "added");
            uploads.add(upload(f, ChangeType.ADDED, Side.RIGHT, "remote object deleted since the last push; restoring it"));
        } else if (sameContent(r, h)) {
            count(changes, "unchanged");
            rebases.add(FilesRunner.base(f, r.etag()));
        } else if (!localChanged) {
            count(changes, "modified");
            uploads.add(upload(f, ChangeType.MODIFIED, Side.RIGHT, "remote object changed since the last push; restoring the local version"));
        } else {
            count(changes, "conflicts");
            Change c = new Change(id, ChangeType.CONFLICT, Side.BOTH, "changed locally and on the remote since the last push");
            uploads.add(new Action<>(f, ActionType.SKIP, c,
                    "changed locally and on the remote since the last push; not overwritten (--force uploads the local version)"));
        }
    }

    private boolean sameContent(RemoteObject r, ContentHash h) throws ConvergeException {
        if (r.size() != h.size()) {
            return false;
        }
        if (r.sha256() != null) {
            return r.sha256().equals(h.sha256());
        }
        if (r.contentMd5() != null) {
            return r.contentMd5().equals(h.md5());
        }
        return store.sha256(r.key()).map(h.sha256()::equals).orElse(false);
    }

    /** Hashes, in parallel, exactly the files the merge could not decide without their content. */
    private Map<String, ContentHash> hash(List<Triple> needed, List<Outcome> failures, Instant planned) {
        Map<String, ContentHash> hashes = new ConcurrentHashMap<>();
        if (needed.isEmpty()) {
            return hashes;
        }
        List<Outcome> hashFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore permits = new Semaphore(Math.max(1, concurrency));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Triple t : needed) {
                FileItem f = t.file();
                futures.add(pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        hashes.put(f.id(), ContentHash.of(f.path(), store.usesMd5()));
                    } catch (NoSuchFileException e) {
                        hashFailures.add(failure(f, "vanished while being scanned", planned));
                    } catch (IOException e) {
                        hashFailures.add(failure(f, "cannot read: " + e.getMessage(), planned));
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        failures.addAll(hashFailures);
        return hashes;
    }

    private static Action<FileItem> upload(FileItem f, ChangeType type, Side side, String reason) {
        return new Action<>(f, ActionType.UPLOAD, new Change(f.id(), type, side, reason), reason);
    }

    private static Outcome failure(FileItem f, String why, Instant at) {
        Action<FileItem> a = new Action<>(f, ActionType.UPLOAD, new Change(f.id(), ChangeType.MODIFIED, Side.LEFT, why), why);
        return Outcome.of(a, Outcome.Status.FAILED, why, at, 1);
    }

    private static void count(Map<String, Long> changes, String key) {
        changes.merge(key, 1L, Long::sum);
    }
}
