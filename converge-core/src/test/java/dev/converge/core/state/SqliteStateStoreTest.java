package dev.converge.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.StateStoreException;
import dev.converge.core.audit.AuditEvent;
import dev.converge.core.audit.AuditQuery;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private static Base base(String id, String left, String right) {
        return new Base(id, Fingerprint.of(left), Fingerprint.of(right), T0);
    }

    private static Connection raw(Path file) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void migrationsCreateTheSchemaOnceAndReopeningIsIdempotent() throws Exception {
        Path file = dir.resolve("nested/dir/state.db");
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.updateBases("s", List.of(base("a", "1", "1")), List.of());
        }
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            assertThat(store.bases("s")).containsOnlyKeys("a");
        }
        try (Connection c = raw(file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
            assertThat(tables(c)).contains("runs", "bases", "audit", "schema_version");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.ALL.size());
            assertThat(rs.getInt(2)).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
        }
    }

    @Test
    void usesWriteAheadLogging() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"));
             Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void basesRoundTripIncludingAbsentSides() throws Exception {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.updateBases("s", List.of(base("both", "L", "R"), base("leftOnly", "L", null), base("rightOnly", null, "R")),
                    List.of());
            store.updateBases("other", List.of(base("both", "x", "y")), List.of());
        }
        try (StateStore store = SqliteStateStore.openReadOnly(file)) {
            assertThat(store.isReadOnly()).isTrue();
            var bases = store.bases("s");
            assertThat(bases).hasSize(3);
            assertThat(bases.get("both")).isEqualTo(base("both", "L", "R"));
            assertThat(bases.get("leftOnly").right()).isNull();
            assertThat(bases.get("leftOnly").left()).isEqualTo(Fingerprint.of("L"));
            assertThat(bases.get("rightOnly").left()).isNull();
            assertThat(bases.get("rightOnly").syncedAt()).isEqualTo(T0);
            assertThat(store.bases("other").get("both")).isEqualTo(base("both", "x", "y"));
            assertThat(store.bases("nobody")).isEmpty();
        }
    }

    @Test
    void forEachBaseStreamsInCodePointOrder() throws Exception {
        // UTF-16 order (String.compareTo) puts U+FF21 after a supplementary character; code point order does not.
        List<String> ids = List.of("b", "a/b", "a", "A", "a b", "é", "z", "\uFF21", "\uD83D\uDE00", "\uD800\uDC00x",
                "日本", "a/😀", "a/\uFFFD", "Z");
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.updateBases("s", ids.stream().map(id -> base(id, id, id)).toList(), List.of());
            List<String> seen = new ArrayList<>();
            store.forEachBase("s", b -> seen.add(b.itemId()));
            Comparator<String> byCodePoint = (x, y) -> {
                int[] a = x.codePoints().toArray();
                int[] b = y.codePoints().toArray();
                return java.util.Arrays.compare(a, b);
            };
            assertThat(seen).containsExactlyElementsOf(ids.stream().sorted(byCodePoint).toList());
            assertThat(seen).as("differs from UTF-16 order, so the test can tell")
                    .isNotEqualTo(ids.stream().sorted().toList());
        }
    }

    @Test
    void forEachFingerprintsStreamsWhatForEachBaseDoesWithoutTheTime() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.updateBases("s", List.of(base("b", "2", "r2"), base("a", "1", "r1"), base("\uD83D\uDE00", "3", "r3"),
                    base("\uFF21", "4", "r4")), List.of());
            store.updateBases("other", List.of(base("a", "9", "9")), List.of());
            store.updateBases("s", List.of(new Base("nr", Fingerprint.of("5"), null, Instant.now())), List.of());
            List<String> full = new ArrayList<>();
            store.forEachBase("s", b -> full.add(b.itemId() + " " + b.left() + " " + b.right()));
            List<String> fingerprints = new ArrayList<>();
            store.forEachFingerprints("s", (id, left, right) -> fingerprints.add(id + " " + left + " " + right));
            assertThat(fingerprints).hasSize(5).containsExactlyElementsOf(full);
            assertThat(fingerprints).contains("nr " + Fingerprint.of("5") + " null");
        }
    }

    @Test
    void sampleItemIdsCutsOneSyncsIdsIntoEvenRunsInStreamingOrder() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add("k" + (char) ('a' + i));
            }
            // a supplementary character sorts after U+FF21 in code point order, before it in UTF-16's
            ids.add("\uFF21");
            ids.add("\uD83D\uDE00");
            Random random = new Random(7);
            List<String> shuffled = new ArrayList<>(ids);
            java.util.Collections.shuffle(shuffled, random);
            store.updateBases("s", shuffled.stream().map(id -> base(id, id, id)).toList(), List.of());
            store.updateBases("other", List.of(base("kb", "9", "9"), base("kd", "9", "9")), List.of());
            List<String> streamed = new ArrayList<>();
            store.forEachFingerprints("s", (id, left, right) -> streamed.add(id));

            // every 5th of 27 in the order the bases stream: the 5th, 10th, 15th, 20th and 25th
            assertThat(store.sampleItemIds("s", 5))
                    .containsExactly(streamed.get(4), streamed.get(9), streamed.get(14), streamed.get(19), streamed.get(24));
            assertThat(store.sampleItemIds("s", 9)).containsExactly(streamed.get(8), streamed.get(17));
            // the 27th is the last base: a cut there would leave an empty range behind it
            assertThat(store.sampleItemIds("s", 27)).isEmpty();
            assertThat(store.sampleItemIds("s", 26)).containsExactly("\uFF21");
            assertThat(store.sampleItemIds("s", 100)).isEmpty();
            assertThat(store.sampleItemIds("none", 1)).isEmpty();
            assertThat(store.sampleItemIds("s", 1)).containsExactlyElementsOf(streamed.subList(0, 26));
        }
    }

    @Test
    void updateBasesPutsAndForgetsInOneTransaction() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.updateBases("s", List.of(base("keep", "1", "1"), base("drop", "1", "1"), base("change", "1", "1")), List.of());
            store.updateBases("s", List.of(base("change", "2", "2"), base("new", "3", "3")), List.of("drop", "never-there"));
            assertThat(store.bases("s")).containsOnlyKeys("keep", "change", "new");
            assertThat(store.bases("s").get("change").left()).isEqualTo(Fingerprint.of("2"));

        }
    }

    @Test
    void aFailedUpdateRollsBackPutsAndForgets() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.updateBases("s", List.of(base("keep", "1", "1")), List.of());
            // A sync id of null violates NOT NULL on the put: nothing of this call may remain, the forget included.
            assertThatThrownBy(() -> store.updateBases(null, List.of(base("n1", "9", "9")), List.of("keep")))
                    .isInstanceOf(StateStoreException.class);
            assertThat(store.bases("s")).containsOnlyKeys("keep");
            // and the connection is usable (autocommit restored) afterwards
            store.updateBases("s", List.of(base("after", "1", "1")), List.of());
            assertThat(store.bases("s")).containsOnlyKeys("keep", "after");
        }
    }

    private static AuditEvent event(String run, String kind, String item, Instant at) {
        return new AuditEvent(run, kind, "s", item, "upload", "ok", 10, "", at, Duration.ofMillis(5));
    }

    @Test
    void auditQueriesFilterAndReturnNewestFirst() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.audit().append(List.of(
                    event("r1", "files", "docs/a.txt", T0),
                    event("r1", "files", "docs/sub/b.txt", T0.plusSeconds(1)),
                    event("r1", "files", "docsextra.txt", T0.plusSeconds(2)),
                    event("r2", "repos", "org/repo", T0.plusSeconds(3)),
                    event("r2", "files", "docs", T0.plusSeconds(4))));
            store.audit().append(List.of(event("r3", "files", "docs/a.txt", T0.plusSeconds(5))));

            assertThat(ids(store, AuditQuery.all())).containsExactly("docs/a.txt", "docs", "org/repo", "docsextra.txt",
                    "docs/sub/b.txt", "docs/a.txt");
            assertThat(ids(store, new AuditQuery("repos", null, null, null, 0))).containsExactly("org/repo");
            assertThat(ids(store, new AuditQuery(null, T0.plusSeconds(3), null, null, 0)))
                    .containsExactly("docs/a.txt", "docs", "org/repo");
            assertThat(ids(store, new AuditQuery(null, null, "docs/a.txt", null, 0))).containsExactly("docs/a.txt", "docs/a.txt");
            assertThat(ids(store, new AuditQuery(null, null, "docs", null, 0))).as("exact, not a prefix").containsExactly("docs");
            assertThat(ids(store, new AuditQuery(null, null, "docs/", null, 0)))
                    .containsExactly("docs/a.txt", "docs/sub/b.txt", "docs/a.txt");
            assertThat(ids(store, new AuditQuery(null, null, null, "r2", 0))).containsExactly("docs", "org/repo");
            assertThat(ids(store, new AuditQuery(null, null, null, null, 2))).containsExactly("docs/a.txt", "docs");
            assertThat(ids(store, new AuditQuery("files", null, "docs/", "r1", 1))).containsExactly("docs/sub/b.txt");

            AuditEvent back = store.audit().query(new AuditQuery(null, null, null, "r3", 0)).get(0);
            assertThat(back).isEqualTo(event("r3", "files", "docs/a.txt", T0.plusSeconds(5)));
        }
    }

    @Test
    void auditSinceComparesTimesNotTheirSpelling() throws Exception {
        // Instant.toString drops a zero fraction: "…:00Z" sorts after "…:00.500Z" as text, though it is earlier.
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.audit().append(List.of(event("r", "files", "before", T0.minusMillis(1)),
                    event("r", "files", "half", T0.plusMillis(500)), event("r", "files", "exact", T0)));
            assertThat(ids(store, new AuditQuery(null, T0, null, null, 0))).containsExactly("exact", "half");
            assertThat(ids(store, new AuditQuery(null, T0.plusMillis(250), null, null, 0))).containsExactly("half");
        }
    }

    @Test
    void auditItemPrefixWorksForNonAsciiAndSupplementaryCharacters() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state.db"))) {
            store.audit().append(List.of(event("r", "files", "😀/a", T0), event("r", "files", "😀x", T0),
                    event("r", "files", "été/b", T0), event("r", "files", "été", T0)));
            assertThat(ids(store, new AuditQuery(null, null, "😀/", null, 0))).containsExactly("😀/a");
            assertThat(ids(store, new AuditQuery(null, null, "été/", null, 0))).containsExactly("été/b");
        }
    }

    private static List<String> ids(StateStore store, AuditQuery q) throws StateStoreException {
        return store.audit().query(q).stream().map(AuditEvent::itemId).toList();
    }

    @Test
    void openReadOnlyOnAMissingFileCreatesNothing() throws Exception {
        Path file = dir.resolve("missing/state.db");
        try (StateStore store = SqliteStateStore.openReadOnly(file)) {
            assertThat(store.isReadOnly()).isTrue();
            assertThat(store.bases("s")).isEmpty();
            assertThat(store.audit().query(AuditQuery.all())).isEmpty();
            assertThatThrownBy(() -> store.updateBases("s", List.of(base("a", "1", "1")), List.of()))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void openReadOnlyNeverWrites() throws Exception {
        Path file = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.updateBases("s", List.of(base("a", "1", "1")), List.of());
        }
        try (StateStore store = SqliteStateStore.openReadOnly(file)) {
            assertThatThrownBy(() -> store.updateBases("s", List.of(base("b", "1", "1")), List.of()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.audit().append(List.of(event("r", "files", "x", T0))))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCorruptFileIsNamedAsCorrupt() throws Exception {
        Path file = dir.resolve("state.db");
        byte[] junk = new byte[8192];
        new Random(42).nextBytes(junk);
        Files.write(file, junk);
        assertThatThrownBy(() -> SqliteStateStore.open(file).close())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("corrupt")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> SqliteStateStore.openReadOnly(file).close())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("corrupt")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aFileLockedByAnotherWriterIsNamedAsLocked() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteStateStore.open(file).close();
        try (Connection holder = raw(file); Statement st = holder.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            // Waits out the store's busy timeout once (5 s), then must say what is wrong.
            assertThatThrownBy(() -> {
                try (SqliteStateStore store = SqliteStateStore.open(file)) {
                    store.updateBases("s", List.of(base("a", "1", "1")), List.of());
                }
            }).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("locked")
                    .hasMessageContaining(file.toString());
            st.execute("ROLLBACK");
        }
    }

    @Test
    void aNewerSchemaIsRefusedClearly() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteStateStore.open(file).close();
        try (Connection c = raw(file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> SqliteStateStore.open(file).close())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("99")
                .hasMessageContaining("newer");
    }
}
