package dev.converge.core.state;

import dev.converge.core.StateStoreException;
import dev.converge.core.audit.AuditEvent;
import dev.converge.core.audit.AuditLog;
import dev.converge.core.audit.AuditQuery;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The embedded state store: one SQLite file in WAL mode, so readers (status, history) never wait
 * for a writer. One connection, guarded by this object's monitor: SQLite serialises writers anyway,
 * and the engine batches its writes.
 */
public final class SqliteStateStore implements StateStore {
    /**
     * Audit times are compared as text in SQL ({@code at >= ?}), so they are written with a fixed
     * nine-digit fraction: {@link Instant#toString} drops a zero fraction, and "…:00Z" sorts after
     * "…:00.500Z" although it is earlier.
     */
    private static final DateTimeFormatter SORTABLE_INSTANT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    private final Path file;
    private final Connection connection;
    private final boolean readOnly;
    private final AuditLog audit = new SqliteAuditLog();

    private SqliteStateStore(Path file, Connection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /** Opens (creating if needed) the state file and brings its schema up to date. */
    public static SqliteStateStore open(Path file) throws StateStoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot create the directory of state file " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5000);
        SqliteStateStore store = connect(file, config, false);
        store.migrate();
        return store;
    }

    /**
     * Opens the state file for reading only, as a dry run or a status query does: nothing is
     * written, and a missing file is not created.
     */
    public static StateStore openReadOnly(Path file) throws StateStoreException {
        if (!Files.exists(file)) {
            return new EmptyStateStore();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        SqliteStateStore store = connect(file, config, true);
        store.checkSchema();
        return store;
    }

    private static SqliteStateStore connect(Path file, SQLiteConfig config, boolean readOnly) throws StateStoreException {
        useLibraryDirAsDriverTemp();
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            return new SqliteStateStore(file, c, readOnly);
        } catch (SQLException e) {
            throw failure(file, "open", e);
        }
    }

    /**
     * When the native library is given (the launcher extracts it once, org.sqlite.lib.path), the
     * driver extracts nothing, yet on its first connection it still lists its whole temp directory
     * looking for stale copies of itself: with 5,000 entries in a shared /tmp that was most of the
     * cost of opening the state file. Its own library's directory is the place to look instead.
     */
    private static void useLibraryDirAsDriverTemp() {
        String lib = System.getProperty("org.sqlite.lib.path");
        if (lib != null && System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", lib);
        }
    }

    private synchronized void migrate() throws StateStoreException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            int current = currentVersion();
            int latest = Migrations.ALL.get(Migrations.ALL.size() - 1).version();
            if (current > latest) {
                throw new StateStoreException("state file " + file + " has schema version " + current
                        + ", newer than this converge knows (" + latest + "); use a newer converge", null);
            }
            for (Migration m : Migrations.ALL) {
                if (m.version() > current) {
                    apply(m);
                }
            }
        } catch (SQLException e) {
            throw failure(file, "prepare", e);
        }
    }

    private void apply(Migration m) throws SQLException {
        inTransaction(() -> {
                try (Statement st = connection.createStatement()) {
                    for (String sql : m.sql().split(";\\s*\\n")) {
                        if (!sql.isBlank()) {
                            st.execute(sql);
                        }
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setString(3, Instant.now().toString());
                    ps.executeUpdate();
                }
        });
    }

    /** Work on the connection that must happen all or not at all. */
    @FunctionalInterface
    public interface SqlWork {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed whole, or rolled back and rethrown. Kinds with
     * tables of their own call it holding this store's monitor, as for {@link #connection()}.
     */
    public void inTransaction(SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private int currentVersion() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private synchronized void checkSchema() throws StateStoreException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
        } catch (SQLException e) {
            throw failure(file, "read", e);
        }
    }

    @Override
    public synchronized void forEachBase(String syncId, Consumer<Base> sink) throws StateStoreException {
        String sql = "SELECT item_id, left_fp, right_fp, synced_at FROM bases WHERE sync_id = ? ORDER BY item_id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, syncId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new Base(rs.getString(1), Fingerprint.of(rs.getString(2)), Fingerprint.of(rs.getString(3)),
                            IsoInstants.parse(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read bases from", e);
        }
    }

    @Override
    public synchronized void forEachFingerprints(String syncId, FingerprintSink sink) throws StateStoreException {
        String sql = "SELECT item_id, left_fp, right_fp FROM bases WHERE sync_id = ? ORDER BY item_id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, syncId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), Fingerprint.of(rs.getString(2)), Fingerprint.of(rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read bases from", e);
        }
    }

    /**
     * Numbers the rows inside SQLite, so only the sampled ids cross JNI; the primary key's
     * (sync_id, item_id) order is BINARY collation on UTF-8, the order S3 lists in.
     */
    @Override
    public synchronized List<String> sampleItemIds(String syncId, int every) throws StateStoreException {
        if (every < 1) {
            throw new IllegalArgumentException("every must be positive: " + every);
        }
        String sql = "SELECT item_id FROM (SELECT item_id, row_number() OVER (ORDER BY item_id) AS rn,"
                + " count(*) OVER () AS n FROM bases WHERE sync_id = ?) WHERE rn % ? = 0 AND rn < n ORDER BY item_id";
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, syncId);
            ps.setInt(2, every);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure(file, "read bases from", e);
        }
        return ids;
    }

    @Override
    public Map<String, Base> bases(String syncId) throws StateStoreException {
        Map<String, Base> map = new HashMap<>();
        forEachBase(syncId, b -> map.put(b.itemId(), b));
        return map;
    }

    @Override
    public synchronized void updateBases(String syncId, Collection<Base> put, Collection<String> forget)
            throws StateStoreException {
        requireWritable();
        if (put.isEmpty() && forget.isEmpty()) {
            return;
        }
        try {
            inTransaction(() -> {
                try (PreparedStatement up = connection.prepareStatement(
                        "INSERT OR REPLACE INTO bases (sync_id, item_id, left_fp, right_fp, synced_at) VALUES (?, ?, ?, ?, ?)");
                     PreparedStatement del = connection.prepareStatement("DELETE FROM bases WHERE sync_id = ? AND item_id = ?")) {
                    for (Base b : put) {
                        up.setString(1, syncId);
                        up.setString(2, b.itemId());
                        up.setString(3, b.left() == null ? null : b.left().value());
                        up.setString(4, b.right() == null ? null : b.right().value());
                        up.setString(5, b.syncedAt().toString());
                        up.addBatch();
                    }
                    for (String id : forget) {
                        del.setString(1, syncId);
                        del.setString(2, id);
                        del.addBatch();
                    }
                    up.executeBatch();
                    del.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw failure(file, "write bases to", e);
        }
    }

    @Override
    public synchronized void beginRun(Run run) throws StateStoreException {
        requireWritable();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO runs (id, kind, sync_id, command, started_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, run.id());
            ps.setString(2, run.kind());
            ps.setString(3, run.syncId());
            ps.setString(4, run.command());
            ps.setString(5, run.started().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public synchronized void finishRun(String runId, Instant finished, String status, String summaryJson)
            throws StateStoreException {
        requireWritable();
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?")) {
            ps.setString(1, finished.toString());
            ps.setString(2, status);
            ps.setString(3, summaryJson);
            ps.setString(4, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(file, "write", e);
        }
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The JDBC connection, for kinds that keep tables of their own (queues, schedules); guard with this store. */
    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws StateStoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(file, "close", e);
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("state store opened read-only (dry run) was asked to write");
        }
    }

    /** Turns SQLite's error codes into messages that say what is wrong with the file and what to do. */
    static StateStoreException failure(Path file, String verb, SQLException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("notadb") || lower.contains("not a database") || lower.contains("corrupt")
                || lower.contains("malformed")) {
            return new StateStoreException("state file " + file + " is corrupt (not a usable SQLite database); "
                    + "move it aside to start afresh (converge will then re-check every item)", e);
        }
        if (lower.contains("busy") || lower.contains("locked")) {
            return new StateStoreException("state file " + file + " is locked by another converge process; "
                    + "wait for it to finish or use another --state", e);
        }
        if (lower.contains("readonly") || lower.contains("cantopen") || lower.contains("unable to open")) {
            return new StateStoreException("cannot " + verb + " state file " + file + ": not writable or not openable", e);
        }
        return new StateStoreException("cannot " + verb + " state file " + file + ": " + m, e);
    }

    private final class SqliteAuditLog implements AuditLog {
        @Override
        public void append(List<AuditEvent> events) throws StateStoreException {
            synchronized (SqliteStateStore.this) {
                requireWritable();
                if (events.isEmpty()) {
                    return;
                }
                try {
                    inTransaction(() -> {
                        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit "
                                + "(run_id, kind, sync_id, item_id, action, outcome, bytes, message, at, duration_ms) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                            for (AuditEvent e : events) {
                                ps.setString(1, e.runId());
                                ps.setString(2, e.kind());
                                ps.setString(3, e.syncId());
                                ps.setString(4, e.itemId());
                                ps.setString(5, e.action());
                                ps.setString(6, e.outcome());
                                ps.setLong(7, e.bytes());
                                ps.setString(8, e.message());
                                ps.setString(9, SORTABLE_INSTANT.format(e.at()));
                                ps.setLong(10, e.duration().toMillis());
                                ps.addBatch();
                            }
                            ps.executeBatch();
                        }
                    });
                } catch (SQLException ex) {
                    throw failure(file, "write the audit trail to", ex);
                }
            }
        }

        @Override
        public List<AuditEvent> query(AuditQuery q) throws StateStoreException {
            StringBuilder sql = new StringBuilder("SELECT run_id, kind, sync_id, item_id, action, outcome, bytes, message, at, "
                    + "duration_ms FROM audit WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (q.kind() != null) {
                sql.append(" AND kind = ?");
                args.add(q.kind());
            }
            if (q.since() != null) {
                sql.append(" AND at >= ?");
                args.add(SORTABLE_INSTANT.format(q.since()));
            }
            if (q.runId() != null) {
                sql.append(" AND run_id = ?");
                args.add(q.runId());
            }
            if (q.item() != null) {
                sql.append(q.item().endsWith("/") ? " AND substr(item_id, 1, ?) = ?" : " AND item_id = ?");
                if (q.item().endsWith("/")) {
                    // SQLite's substr counts characters, Java's length() UTF-16 units: they differ beyond the BMP.
                    args.add(q.item().codePointCount(0, q.item().length()));
                }
                args.add(q.item());
            }
            sql.append(" ORDER BY seq DESC");
            if (q.limit() > 0) {
                sql.append(" LIMIT ").append(q.limit());
            }
            synchronized (SqliteStateStore.this) {
                try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                    List<AuditEvent> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new AuditEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                                    Instant.parse(rs.getString(9)), Duration.ofMillis(rs.getLong(10))));
                        }
                    }
                    return out;
                } catch (SQLException e) {
                    if (String.valueOf(e.getMessage()).contains("no such table")) {
                        return List.of();
                    }
                    throw failure(file, "read the audit trail from", e);
                }
            }
        }
    }
}
