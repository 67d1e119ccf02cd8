package dev.converge.remotes;

import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The packs of one push run, each built once for every mirror that needs the same objects and holds
 * the same ones: the mirrors of a repository mostly advertise the same commits and get the same new
 * one, so one pack (objects read and deflated once) goes to all of them as the same bytes. Mirrors
 * pushed in parallel wait for the one that builds it.
 */
final class SharedPacks implements AutoCloseable {
    private final Repository repository;
    private final ConcurrentHashMap<Key, CompletableFuture<PackSpool>> packs = new ConcurrentHashMap<>();
    private volatile PackConfig config;
    private final java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();

    /** What decides a pack's bytes: the objects wanted, those the remote has, and whether it reads offset deltas. */
    private record Key(Set<ObjectId> wants, Set<ObjectId> haves, boolean ofsDelta) {
    }

    SharedPacks(Repository repository) {
        this.repository = repository;
    }

    /**
     * The pack of everything reachable from {@code wants} and not from {@code haves}. Not thin (no
     * deltas against objects the remote must supply): the receiving server then has no bases to
     * look up and append, which is CPU that would count once per mirror; JGit pushes so too.
     *
     * @param haves what the remote advertised; those missing here are left out
     */
    PackSpool pack(Set<ObjectId> wants, Set<ObjectId> haves, boolean ofsDelta) throws IOException {
        Key key = new Key(copy(wants), present(haves), ofsDelta);
        CompletableFuture<PackSpool> mine = new CompletableFuture<>();
        CompletableFuture<PackSpool> existing = packs.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(build(key));
            } catch (IOException | RuntimeException e) {
                // A later mirror (or a retry) builds it afresh.
                packs.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            // The mirror that built it reports the cause as its own; this one fails with the same words.
            throw new IOException("building the pack failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the pack");
        }
    }

    /** How many packs were built so far: one per distinct (wants, haves), however many mirrors got it. */
    int built() {
        return built.get();
    }

    private PackSpool build(Key key) throws IOException {
        built.incrementAndGet();
        PackSpool spool = new PackSpool();
        try (ObjectReader reader = repository.newObjectReader(); PackWriter writer = new PackWriter(config(), reader)) {
            writer.setIndexDisabled(true);
            writer.setUseCachedPacks(true);
            writer.setUseBitmaps(true);
            writer.setThin(false);
            writer.setReuseValidatingObjects(false);
            writer.setDeltaBaseAsOffset(key.ofsDelta());
            writer.preparePack(NullProgressMonitor.INSTANCE, key.wants(), key.haves());
            writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, spool);
            spool.finish();
            return spool;
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private PackConfig config() {
        PackConfig c = config;
        if (c == null) {
            c = new PackConfig(repository);
            config = c;
        }
        return c;
    }

    private Set<ObjectId> present(Set<ObjectId> haves) throws IOException {
        Set<ObjectId> present = new HashSet<>();
        for (ObjectId id : haves) {
            if (repository.getObjectDatabase().has(id)) {
                present.add(id.copy());
            }
        }
        return Set.copyOf(present);
    }

    private static Set<ObjectId> copy(Set<ObjectId> ids) {
        Set<ObjectId> copy = new HashSet<>();
        ids.forEach(id -> copy.add(id.copy()));
        return Set.copyOf(copy);
    }

    /** Deletes the packs that went to temporary files. */
    @Override
    public void close() {
        for (CompletableFuture<PackSpool> f : packs.values()) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                try {
                    f.join().close();
                } catch (IOException e) {
                    // A temporary file that could not be deleted is left to the OS's cleaning.
                }
            }
        }
        packs.clear();
    }
}
