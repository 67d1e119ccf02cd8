package dev.converge.core.hooks;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.Run;
import dev.converge.core.report.Report;
import java.util.List;

/**
 * What a sync calls at its hook points; {@link ShellHooks} runs the config's shell commands, and an
 * embedder may supply its own. A kind calls {@link #beforeApply} after planning and before writing
 * anything, {@link #afterRun} once the run is recorded, and {@link #onFault} when the run itself
 * could not proceed. A dry run calls none of them.
 */
public interface SyncHooks {
    /** Hooks that do nothing. */
    SyncHooks NONE = new SyncHooks() {
    };

    /**
     * The plan is made and nothing is written yet.
     *
     * @throws HookVetoException to stop the run before it writes anything
     */
    default void beforeApply(Run run, List<? extends Action<?>> actions) throws ConvergeException {
    }

    /** The run is over and recorded; the report says how each item ended. */
    default void afterRun(Report report) {
    }

    /** The run could not proceed at all (discovery failed, the state store broke). */
    default void onFault(Run run, String stage, ConvergeException fault) {
    }
}
