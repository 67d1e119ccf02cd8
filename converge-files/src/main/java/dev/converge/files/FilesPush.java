package dev.converge.files;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Run;
import dev.converge.core.pipeline.Apply;
import dev.converge.core.pipeline.ApplyResult;
import dev.converge.core.progress.ProgressListener;
import dev.converge.core.report.Report;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.state.StateRecorder;
import dev.converge.core.state.StateStore;
import dev.converge.files.store.ContainerMissingException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code converge files push}: makes the store under the target prefix hold what the source tree
 * holds. discover (scan + one listing) → compare (three-way with the bases) → plan → apply
 * (uploads, then deletions only if every upload succeeded) → record → report.
 * Single use: configure with the setters, then {@link #call()}.
 */
public final class FilesPush {
    public static final String KIND = "files";
    /**
     * Bases per range of a listing the store may run in parallel: S3's page size, so that a
     * no-op's range is one request.
     */
    static final int LIST_RANGE = 1000;

    private final Path source;
    private final ObjectStore store;
    private final StateStore state;
    private PushMode mode = PushMode.INCREMENTAL;
    private boolean force;
    private boolean dryRun;
    private boolean delete;
    private boolean create;
    private DeleteLimit maxDelete = DeleteLimit.DEFAULT;
    private int concurrency = 16;
    private List<String> excludes = List.of();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private ProgressListener progress = ProgressListener.NONE;
    private String commandLine = "converge files push";
    private int listRange = LIST_RANGE;

    /**
     * @param source the local tree
     * @param store  the target; opened (checked) by {@link #call()}
     * @param state  the state store; read-only for a dry run
     */
    public FilesPush(Path source, ObjectStore store, StateStore state) {
        this.source = Objects.requireNonNull(source);
        this.store = Objects.requireNonNull(store);
        this.state = Objects.requireNonNull(state);
    }

    public FilesPush setMode(PushMode mode) {
        this.mode = mode;
        return this;
    }

    public FilesPush setForce(boolean force) {
        this.force = force;
        return this;
    }

    public FilesPush setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    public FilesPush setDelete(boolean delete) {
        this.delete = delete;
        return this;
    }

    public FilesPush setCreate(boolean create) {
        this.create = create;
        return this;
    }

    public FilesPush setMaxDelete(DeleteLimit maxDelete) {
        this.maxDelete = maxDelete;
        return this;
    }

    public FilesPush setConcurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    public FilesPush setExcludes(List<String> excludes) {
        this.excludes = List.copyOf(excludes);
        return this;
    }

    public FilesPush setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return this;
    }

    public FilesPush setProgress(ProgressListener progress) {
        this.progress = progress;
        return this;
    }

    /** The command as the user typed it (secrets already removed), for reports and the audit trail. */
    public FilesPush setCommandLine(String commandLine) {
        this.commandLine = commandLine;
        return this;
    }

    /** Bases per listing range; tests cut a small tree into several ranges with it. */
    FilesPush setListRange(int listRange) {
        this.listRange = listRange;
        return this;
    }

    /** The identity of this (source, target) pair in the state store. */
    public String syncId() {
        return KIND + ":" + source.toAbsolutePath().normalize() + " -> " + store.describe();
    }

    public PushResult call() throws ConvergeException {
        if (!Files.isDirectory(source)) {
            throw new UsageException("source directory " + source + (Files.exists(source) ? " is not a directory" : " does not exist"));
        }
        if (!dryRun && state.isReadOnly()) {
            throw new IllegalStateException("a push that writes needs a writable state store");
        }
        IgnoreRules ignore = IgnoreRules.load(source, excludes);
        Run run = Run.start(KIND, syncId(), commandLine, dryRun);

        // The three sides wait on different things: the listing on the network, the scan on a stat
        // per file, the bases on SQLite. Each runs on its own thread and the merge starts when all
        // three are in. A store that lists in ranges gets its hints first: a read of every n-th base
        // key that SQLite answers in milliseconds.
        List<String> cuts = store.listsInRanges() ? state.sampleItemIds(run.syncId(), listRange) : List.of();
        List<RemoteObject> remote;
        TreeScanner.Scan scan;
        BufferedBases bases;
        try (ExecutorService sides = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<RemoteObject>> listing = sides.submit(() -> listRemote(cuts));
            Future<BufferedBases> reading = sides.submit(() -> BufferedBases.read(state, run.syncId()));
            try {
                scan = TreeScanner.scan(source, ignore);
            } catch (IOException e) {
                listing.cancel(true);
                reading.cancel(true);
                throw new UsageException("cannot read source directory " + source + ": " + e.getMessage(), e);
            }
            try {
                remote = await(listing, "listing the target");
            } catch (ConvergeException | RuntimeException e) {
                reading.cancel(true);
                throw e;
            }
            bases = await(reading, "reading the bases");
        }
        FilesPlan plan = new FilesPlanner(store, mode, force, delete, concurrency).plan(scan, remote, bases);
        checkDeleteLimit(plan);

        if (dryRun) {
            return new PushResult(dryRunReport(run, plan), plan);
        }
        return apply(run, plan);
    }

    /** The remote listing, sorted as the planner's merge needs it (most stores list in this order already). */
    private List<RemoteObject> listRemote(List<String> cuts) throws ConvergeException {
        List<RemoteObject> remote = new ArrayList<>();
        try {
            store.open(create && !dryRun);
        } catch (ContainerMissingException e) {
            if (dryRun && create) {
                return remote; // a dry run with --create plans against the empty container it would make
            }
            throw e;
        }
        store.list(cuts, concurrency, remote::add);
        if (!store.listsInKeyOrder()) {
            remote.sort(Comparator.comparing(RemoteObject::key, TreeScanner.KEY_ORDER));
        }
        return remote;
    }

    private static <T> T await(Future<T> side, String what) throws ConvergeException {
        try {
            return side.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConvergeException c) {
                throw c;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ConvergeException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private void checkDeleteLimit(FilesPlan plan) throws UsageException {
        long deletes = plan.deletes().stream().filter(a -> a.type() == ActionType.DELETE).count();
        long allowed = maxDelete.allowed(plan.remoteObjects());
        if (deletes > allowed) {
            throw new UsageException("refusing to delete " + deletes + " of " + plan.remoteObjects() + " objects at "
                    + store.describe() + ": over --max-delete " + maxDelete + " (" + allowed
                    + " allowed); nothing was written. Check the source, or raise --max-delete.");
        }
    }

    private PushResult apply(Run run, FilesPlan plan) throws ConvergeException {
        state.beginRun(run);
        StateRecorder recorder = new StateRecorder(state, run);
        plan.rebases().forEach(recorder::rebase);
        state.updateBases(run.syncId(), List.of(), plan.forgets());
        progress.planned(plan.uploads().size() + plan.deletes().size(), plan.uploadBytes());

        FilesRunner runner = new FilesRunner(store, progress);
        ApplyResult uploads = newApply(runner, recorder).call(plan.uploads());
        boolean clean = !uploads.anyFailed() && plan.failures().isEmpty();
        List<Action<FileItem>> deletes = clean ? plan.deletes() : plan.deletes().stream()
                .map(a -> a.type() == ActionType.DELETE
                        ? new Action<>(a.item(), ActionType.SKIP, a.change(), "not deleted: this run had upload errors")
                        : a)
                .toList();
        ApplyResult deleted = newApply(runner, recorder).call(deletes);
        plan.failures().forEach(f -> recorder.record(f, null));
        recorder.flush();
        progress.done();

        List<Outcome> outcomes = new ArrayList<>(plan.failures());
        outcomes.addAll(uploads.outcomes());
        outcomes.addAll(deleted.outcomes());
        Report report = Report.of(run, Instant.now(), outcomes, kindCounts(plan, outcomes, false));
        state.finishRun(run.id(), report.finished(), report.status(), report.summaryJson());
        if (recorder.failure() != null) {
            throw recorder.failure();
        }
        return new PushResult(report, plan);
    }

    private Apply<FileItem> newApply(FilesRunner runner, StateRecorder recorder) {
        return new Apply<>(runner).setConcurrency(concurrency).setRetryPolicy(retryPolicy).setRecorder(recorder)
                .setProgress(new ProgressListener() {
                    @Override
                    public void started(Action<?> action) {
                        progress.started(action);
                    }

                    @Override
                    public void finished(Outcome outcome) {
                        progress.finished(outcome);
                    }
                });
    }

    private Report dryRunReport(Run run, FilesPlan plan) {
        Instant now = Instant.now();
        List<Outcome> outcomes = new ArrayList<>(plan.failures());
        for (Action<FileItem> a : plan.uploads()) {
            outcomes.add(planned(a, now));
        }
        for (Action<FileItem> a : plan.deletes()) {
            outcomes.add(planned(a, now));
        }
        return Report.of(run, now, outcomes, kindCounts(plan, outcomes, true));
    }

    /** In a dry run every action is reported as skipped, with what it would have done. */
    private static Outcome planned(Action<FileItem> a, Instant now) {
        if (a.change().isConflict()) {
            return new Outcome(a, Outcome.Status.CONFLICT, a.reason(), now, java.time.Duration.ZERO, 0);
        }
        String would = a.type() == ActionType.SKIP ? a.reason() : "dry run: would " + a.type().label() + " (" + a.reason() + ")";
        return new Outcome(a, Outcome.Status.SKIPPED, would, now, java.time.Duration.ZERO, 0);
    }

    private static Map<String, Long> kindCounts(FilesPlan plan, List<Outcome> outcomes, boolean dryRun) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long uploaded = 0;
        long deleted = 0;
        long bytes = 0;
        for (Outcome o : outcomes) {
            boolean done = dryRun ? o.status() == Outcome.Status.SKIPPED : o.isSuccessful();
            if (done && o.action().type() == ActionType.UPLOAD) {
                uploaded++;
                bytes += o.action().bytes();
            } else if (done && o.action().type() == ActionType.DELETE) {
                deleted++;
            }
        }
        counts.put("uploaded", uploaded);
        counts.put("deleted", deleted);
        counts.put("bytes", bytes);
        // The plan's "deleted" counts files deleted locally since the last push, which is not what this
        // run deleted on the remote (none without --delete; remote-only objects too with it).
        plan.changes().forEach((change, n) -> counts.put(change.equals("deleted") ? "deleted_locally" : change, n));
        return counts;
    }
}
