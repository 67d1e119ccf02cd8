package dev.converge.files;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Side;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    FilesPlan plan(TreeScanner.Scan scan, Map<String, RemoteObject> remote, Map<String, Base> bases)
            throws ConvergeException {
        Instant planned = Instant.now();
        List<Action<FileItem>> uploads = new ArrayList<>();
        List<Action<FileItem>> deletes = new ArrayList<>();
        List<Outcome> failures = new ArrayList<>();
        List<Base> rebases = new ArrayList<>();
        List<String> forgets = new ArrayList<>();
        Map<String, Long> changes = new LinkedHashMap<>();
        for (String k : List.of("added", "modified", "deleted", "conflicts", "unchanged", "remote_only")) {
            changes.put(k, 0L);
        }

        for (TreeScanner.ScanError e : scan.errors()) {
            failures.add(failure(new FileItem(e.id(), null, 0, 0, "", null), e.message(), planned));
        }

        Map<String, ContentHash> hashes = hashWhereNeeded(scan.files(), remote, bases, failures, planned);

        Set<String> failed = new HashSet<>();
        failures.forEach(o -> failed.add(o.action().itemId()));
        Set<String> local = new HashSet<>();
        for (FileItem f : scan.files()) {
            local.add(f.id());
            if (failed.contains(f.id())) {
                continue;
            }
            ContentHash h = hashes.get(f.id());
            FileItem item = h == null ? f : f.withHash(h);
            decide(item, bases.get(f.id()), remote.get(f.id()), uploads, rebases, changes);
        }

        // Files gone from the source: deleted locally since the last push, or never ours.
        List<String> gone = new ArrayList<>();
        for (Base b : bases.values()) {
            if (!local.contains(b.itemId())) {
                gone.add(b.itemId());
            }
        }
        for (String key : remote.keySet()) {
            if (!local.contains(key) && !bases.containsKey(key)) {
                gone.add(key);
            }
        }
        gone.sort(TreeScanner.KEY_ORDER);
        for (String id : gone) {
            RemoteObject r = remote.get(id);
            Base b = bases.get(id);
            if (r == null) {
                // Gone on both sides: only the base is left to forget.
                forgets.add(id);
                continue;
            }
            FileItem remoteOnly = new FileItem(id, null, r.size(), 0, "", null);
            if (b == null) {
                changes.merge("remote_only", 1L, Long::sum);
                if (delete) {
                    deletes.add(new Action<>(remoteOnly, ActionType.DELETE,
                            new Change(id, ChangeType.DELETED, Side.LEFT, "not in source"), "not in source"));
                }
                continue;
            }
            changes.merge("deleted", 1L, Long::sum);
            Change c = new Change(id, ChangeType.DELETED, Side.LEFT, "deleted locally");
            deletes.add(delete
                    ? new Action<>(remoteOnly, ActionType.DELETE, c, "deleted locally")
                    : new Action<>(remoteOnly, ActionType.SKIP, c, "deleted locally; kept on the remote (use --delete to remove)"));
        }
        uploads.sort(Comparator.comparing(Action::itemId, TreeScanner.KEY_ORDER));
        return new FilesPlan(uploads, deletes, failures, rebases, forgets, changes, remote.size());
    }

    private void decide(FileItem f, Base b, RemoteObject r, List<Action<FileItem>> uploads, List<Base> rebases,
                        Map<String, Long> changes) throws ConvergeException {
        String id = f.id();
        if (force) {
            count(changes, r == null ? "added" : "modified");
            uploads.add(upload(f, r == null ? ChangeType.ADDED : ChangeType.MODIFIED, Side.LEFT, "--force"));
            return;
        }
        LocalStamp base = b == null ? null : LocalStamp.parse(b.left());
        boolean remoteAsRecorded = r != null && b != null && b.right() != null && r.etag().equals(b.right().value());
        if (mode == PushMode.INCREMENTAL && base != null && base.sameAs(f) && remoteAsRecorded) {
            count(changes, "unchanged");
            return;
        }
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

    /** Hashes, in parallel, exactly the files whose base does not already vouch for them. */
    private Map<String, ContentHash> hashWhereNeeded(List<FileItem> files, Map<String, RemoteObject> remote,
                                                     Map<String, Base> bases, List<Outcome> failures, Instant planned) {
        Map<String, ContentHash> hashes = new ConcurrentHashMap<>();
        if (force) {
            return hashes;
        }
        List<FileItem> needed = new ArrayList<>();
        for (FileItem f : files) {
            Base b = bases.get(f.id());
            RemoteObject r = remote.get(f.id());
            LocalStamp s = b == null ? null : LocalStamp.parse(b.left());
            boolean cheapOk = s != null && s.sameAs(f) && r != null && b.right() != null && r.etag().equals(b.right().value());
            boolean addedNoRemote = b == null && r == null;
            if (mode == PushMode.ALL ? r != null : !(cheapOk || addedNoRemote)) {
                needed.add(f);
            }
        }
        List<Outcome> hashFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore permits = new Semaphore(Math.max(1, concurrency));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (FileItem f : needed) {
                futures.add(pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        hashes.put(f.id(), ContentHash.of(f.path()));
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
