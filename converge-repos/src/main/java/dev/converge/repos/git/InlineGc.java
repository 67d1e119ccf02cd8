package dev.converge.repos.git;

import org.eclipse.jgit.internal.storage.file.GC;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes JGit's automatic {@code gc} after a fetch run in the fetching thread instead of on JGit's
 * background queue. In the background it races the clone being moved from its staging directory
 * into place (its lock file is released after the directory has gone, and logged as an error),
 * and a command-line run would kill it half done at exit anyway. Inline, the usual case costs one
 * look at the loose objects; a clone that really needs packing is packed before it is reported.
 */
final class InlineGc extends AbstractExecutorService {
    private static final InlineGc INSTANCE = new InlineGc();

    static {
        GC.setExecutor(INSTANCE);
    }

    private InlineGc() {
    }

    /** Installs the inline executor (once per JVM; further calls do nothing). */
    static void install() {
        // The static initialiser has run by the time this returns.
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
        // Nothing runs on its own; there is nothing to stop.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
