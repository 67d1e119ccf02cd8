package dev.converge.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.core.ConvergeException;
import dev.converge.core.StateStoreException;
import dev.converge.core.UsageException;
import dev.converge.core.state.SqliteStateStore;
import dev.converge.core.state.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules and their leases in the state store (migration 3). A lease is one row per schedule
 * naming its owner and an expiry: taken by one atomic upsert that succeeds only when there is no row,
 * the row is expired, or it is already ours; so two daemons on one state file never run one schedule
 * at once, and a lease left by a crashed daemon is reclaimed once it expires.
 */
public final class ScheduleStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {
    };

    private final SqliteStateStore store;

    private ScheduleStore(SqliteStateStore store) {
        this.store = store;
    }

    /** The schedules of a state store; a store that is not SQLite (no state file yet) holds none and takes none. */
    public static ScheduleStore of(StateStore state) {
        return new ScheduleStore(state instanceof SqliteStateStore sqlite ? sqlite : null);
    }

    /** Stores a new schedule; a name already taken is a usage error. */
    public void add(Schedule s) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            if (find(s.name()).isPresent()) {
                throw new UsageException("a schedule named '" + s.name() + "' exists already; remove it first "
                        + "(converge schedule remove " + s.name() + ") or choose another with --schedule-name");
            }
            try (PreparedStatement ps = st.connection().prepareStatement("INSERT INTO schedules "
                    + "(name, cron, command, directory, created_at, last_fire_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.name());
                ps.setString(2, s.cron().text());
                ps.setString(3, JSON.writeValueAsString(s.command()));
                ps.setString(4, s.directory().toString());
                ps.setString(5, s.created().toString());
                ps.setString(6, s.lastFire().toString());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a list of strings always serialises", e);
            }
        }
    }

    /** All schedules, by name. */
    public List<Schedule> list() throws ConvergeException {
        return select("", null);
    }

    public Optional<Schedule> find(String name) throws ConvergeException {
        return select(" WHERE name = ?", name).stream().findFirst();
    }

    /** Removes a schedule and its lease; false when there was none of that name. */
    public boolean remove(String name) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            int[] removed = new int[1];
            try {
                st.inTransaction(() -> {
                    removed[0] = update(st.connection(), "DELETE FROM schedules WHERE name = ?", name);
                    update(st.connection(), "DELETE FROM schedule_leases WHERE name = ?", name);
                });
            } catch (SQLException e) {
                throw failure("write", e);
            }
            return removed[0] > 0;
        }
    }

    /** Records the end of a run that answered fire time {@code fire}. */
    public void recordRun(String name, Instant fire, Instant finished, int exitCode, String owner) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            try (PreparedStatement ps = st.connection().prepareStatement("UPDATE schedules SET last_fire_at = ?, "
                    + "last_run_at = ?, last_exit = ?, last_runner = ? WHERE name = ?")) {
                ps.setString(1, fire.toString());
                ps.setString(2, finished.toString());
                ps.setInt(3, exitCode);
                ps.setString(4, owner);
                ps.setString(5, name);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    /**
     * Takes the lease of a schedule for {@code ttl} from {@code now}, in one transaction: true when it
     * is now ours (it was free, expired, or ours already), false when another owner holds it.
     */
    public boolean tryLease(String name, String owner, Instant now, Duration ttl) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            boolean[] taken = new boolean[1];
            try {
                st.inTransaction(() -> {
                    try (PreparedStatement ps = st.connection().prepareStatement(
                            "INSERT INTO schedule_leases (name, owner, expires_at) VALUES (?, ?, ?) "
                                    + "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at "
                                    + "WHERE schedule_leases.expires_at <= ? OR schedule_leases.owner = excluded.owner")) {
                        ps.setString(1, name);
                        ps.setString(2, owner);
                        ps.setLong(3, now.plus(ttl).toEpochMilli());
                        ps.setLong(4, now.toEpochMilli());
                        taken[0] = ps.executeUpdate() == 1;
                    }
                });
            } catch (SQLException e) {
                throw failure("write", e);
            }
            return taken[0];
        }
    }

    /** Extends a lease we hold; false when it is no longer ours (it expired and another owner took it). */
    public boolean renewLease(String name, String owner, Instant now, Duration ttl) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            try (PreparedStatement ps = st.connection().prepareStatement(
                    "UPDATE schedule_leases SET expires_at = ? WHERE name = ? AND owner = ?")) {
                ps.setLong(1, now.plus(ttl).toEpochMilli());
                ps.setString(2, name);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    /** Gives a lease back, if it is still ours. */
    public void releaseLease(String name, String owner) throws ConvergeException {
        SqliteStateStore st = writable();
        synchronized (st) {
            try (PreparedStatement ps = st.connection().prepareStatement(
                    "DELETE FROM schedule_leases WHERE name = ? AND owner = ?")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    private List<Schedule> select(String where, String name) throws ConvergeException {
        if (store == null) {
            return List.of();
        }
        String sql = "SELECT name, cron, command, directory, created_at, last_fire_at, last_run_at, last_exit, last_runner "
                + "FROM schedules" + where + " ORDER BY name";
        synchronized (store) {
            try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
                if (name != null) {
                    ps.setString(1, name);
                }
                List<Schedule> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("no such table")) {
                    return List.of(); // a state file from before migration 3, opened read-only
                }
                throw failure("read", e);
            }
        }
    }

    private static Schedule row(ResultSet rs) throws SQLException, ConvergeException {
        List<String> command;
        try {
            command = JSON.readValue(rs.getString(3), ARGS);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("schedule " + rs.getString(1) + " has an unreadable command: " + e.getOriginalMessage(), e);
        }
        int exit = rs.getInt(8);
        Integer lastExit = rs.wasNull() ? null : exit;
        String lastRun = rs.getString(7);
        return new Schedule(rs.getString(1), CronExpression.parse(rs.getString(2)), command, Path.of(rs.getString(4)),
                Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), lastRun == null ? null : Instant.parse(lastRun),
                lastExit, rs.getString(9));
    }

    private static int update(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            return ps.executeUpdate();
        }
    }

    private SqliteStateStore writable() {
        if (store == null || store.isReadOnly()) {
            throw new IllegalStateException("schedules were asked to write to a read-only state store");
        }
        return store;
    }

    private StateStoreException failure(String verb, SQLException e) {
        return new StateStoreException("cannot " + verb + " schedules in " + store.file() + ": " + e.getMessage(), e);
    }
}
