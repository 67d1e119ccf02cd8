package dev.converge.remotes.queue;

import dev.converge.core.ConvergeException;
import dev.converge.core.StateStoreException;
import dev.converge.core.state.SqliteStateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline queue in the state store's {@code push_queue} table (migration 2), one queue per
 * repository: the state file is shared by every repository a user works in, so each row carries the
 * sync id of its repository.
 */
public final class StatePushQueue implements PushQueue {
    private final SqliteStateStore store;
    private final String syncId;

    /**
     * @param store  an open, writable state store
     * @param syncId the repository's sync id
     */
    public StatePushQueue(SqliteStateStore store, String syncId) {
        this.store = store;
        this.syncId = syncId;
    }

    @Override
    public List<QueuedPush> list() throws ConvergeException {
        String sql = "SELECT remote, branch, sha, queued_at, attempts, last_error FROM push_queue WHERE sync_id = ? "
                + "ORDER BY queued_at, remote, branch";
        synchronized (store) {
            try (PreparedStatement ps = connection().prepareStatement(sql)) {
                ps.setString(1, syncId);
                List<QueuedPush> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new QueuedPush(rs.getString(1), rs.getString(2), rs.getString(3),
                                Instant.parse(rs.getString(4)), rs.getInt(5), rs.getString(6)));
                    }
                }
                return entries;
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("no such table")) {
                    return List.of(); // a state file from before migration 2, opened read-only: nothing was ever queued
                }
                throw failure("read", e);
            }
        }
    }

    @Override
    public void put(QueuedPush entry) throws ConvergeException {
        // The first time queued is kept: the queue shows how long a remote has been missing.
        String sql = "INSERT INTO push_queue (sync_id, remote, branch, sha, queued_at, attempts, last_error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sync_id, remote, branch) DO UPDATE SET "
                + "sha = excluded.sha, attempts = excluded.attempts, last_error = excluded.last_error";
        synchronized (store) {
            try (PreparedStatement ps = connection().prepareStatement(sql)) {
                ps.setString(1, syncId);
                ps.setString(2, entry.remote());
                ps.setString(3, entry.branch());
                ps.setString(4, entry.sha());
                ps.setString(5, entry.queuedAt().toString());
                ps.setInt(6, entry.attempts());
                ps.setString(7, entry.lastError());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    @Override
    public void remove(String remote, String branch) throws ConvergeException {
        synchronized (store) {
            try (PreparedStatement ps = connection().prepareStatement(
                    "DELETE FROM push_queue WHERE sync_id = ? AND remote = ? AND branch = ?")) {
                ps.setString(1, syncId);
                ps.setString(2, remote);
                ps.setString(3, branch);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    @Override
    public int clear() throws ConvergeException {
        synchronized (store) {
            try (PreparedStatement ps = connection().prepareStatement("DELETE FROM push_queue WHERE sync_id = ?")) {
                ps.setString(1, syncId);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    private Connection connection() {
        return store.connection();
    }

    private StateStoreException failure(String verb, SQLException e) {
        return new StateStoreException("cannot " + verb + " the offline queue in " + store.file() + ": " + e.getMessage(), e);
    }
}
