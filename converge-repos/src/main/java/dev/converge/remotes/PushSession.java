package dev.converge.remotes;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One push exchange with one remote: its ref advertisement is what the push decides on, and the
 * updates go out against that same advertisement, so each remote costs one advertisement and one
 * push. The receiving side checks each update against the commit it was sent as the old one, so a
 * remote that moves in between rejects the update instead of losing its new commit.
 */
interface PushSession extends AutoCloseable {
    /** What the remote advertised, counted as the given attempt. */
    Advertisement advertisement(int attempts);

    /**
     * Sends the commands; every command gets a result, keyed by its ref. Remote-tracking branches of
     * the updates that succeeded are moved, as {@code git push} moves them.
     *
     * @throws IOException when the exchange itself failed (nothing is known of any ref then)
     */
    Map<String, RefResult> push(List<PushCommand> commands) throws IOException;

    @Override
    void close();
}
