package dev.converge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ExitCode;
import dev.converge.core.UsageException;
import dev.converge.core.report.ReportItem;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.state.SqliteStateStore;
import dev.converge.core.state.StateStore;
import dev.converge.files.dir.DirStoreProvider;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FilesPush} end to end on a real directory store and a real SQLite state file. */
class FilesPushTest {
    @TempDir
    Path tmp;
    Path src;
    Path dst;
    Path stateFile;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        dst = tmp.resolve("dst");
        stateFile = tmp.resolve("state/state.db");
        write("a.txt", "alpha");
        write("dir/b.txt", "bravo");
        write("dir/deeper/c.bin", "charlie".repeat(1000));
    }

    @Test
    void firstPushUploadsEverythingAndASecondPushIsANoOp() throws Exception {
        PushResult first = push(p -> p.setCreate(true));
        assertThat(first.exitCode()).isEqualTo(ExitCode.CONVERGED);
        assertThat(first.report().count("uploaded")).isEqualTo(3);
        assertThat(treeOf(dst)).isEqualTo(treeOf(src));

        PushResult second = push(UnaryOperator.identity());
        assertThat(second.report().items()).isEmpty();
        assertThat(second.report().count("unchanged")).isEqualTo(3);
    }

    @Test
    void onlyChangedContentIsUploadedAndATouchedFileIsNot() throws Exception {
        push(p -> p.setCreate(true));
        write("a.txt", "alpha, edited");
        Path b = src.resolve("dir/b.txt");
        Files.setLastModifiedTime(b, FileTime.from(Instant.now().plusSeconds(60)));

        PushResult r = push(UnaryOperator.identity());
        assertThat(uploaded(r)).containsExactly("a.txt");
        assertThat(Files.readString(dst.resolve("a.txt"))).isEqualTo("alpha, edited");
        // The touched file's new mtime was recorded: a third push hashes nothing and uploads nothing.
        assertThat(push(UnaryOperator.identity()).report().items()).isEmpty();
    }

    @Test
    void dryRunWritesNothingAnywhere() throws Exception {
        Files.createDirectories(dst);
        PushResult r;
        try (StateStore state = SqliteStateStore.openReadOnly(stateFile); ObjectStore store = store()) {
            r = new FilesPush(src, store, state).setDryRun(true).call();
        }
        assertThat(r.plan().uploads()).hasSize(3);
        assertThat(r.report().items()).allSatisfy(i -> assertThat(i.outcome()).isEqualTo("skipped"));
        assertThat(stateFile).doesNotExist();
        try (Stream<Path> s = Files.list(dst)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void deletionsNeedDeleteAndAreCappedBeforeAnyIsMade() throws Exception {
        push(p -> p.setCreate(true));
        Files.delete(src.resolve("a.txt"));

        PushResult kept = push(UnaryOperator.identity());
        assertThat(kept.report().items()).singleElement().satisfies(i -> {
            assertThat(i.outcome()).isEqualTo("skipped");
            assertThat(i.message()).contains("--delete");
        });
        assertThat(dst.resolve("a.txt")).exists();

        Files.delete(src.resolve("dir/b.txt"));
        // 2 of 3 objects is over the default cap of 50%: refused, and nothing at all is written.
        write("new.txt", "new");
        assertThatThrownBy(() -> push(p -> p.setDelete(true)))
                .isInstanceOf(UsageException.class).hasMessageContaining("--max-delete").hasMessageContaining("nothing was written");
        assertThat(dst.resolve("a.txt")).exists();
        assertThat(dst.resolve("new.txt")).doesNotExist();

        DeleteLimit two = DeleteLimit.parse("2");
        PushResult deleted = push(p -> p.setDelete(true).setMaxDelete(two));
        assertThat(deleted.report().count("deleted")).isEqualTo(2);
        assertThat(treeOf(dst)).isEqualTo(treeOf(src));
    }

    @Test
    void noDeleteHappensInARunWithAnUploadError() throws Exception {
        push(p -> p.setCreate(true));
        Files.delete(src.resolve("a.txt"));
        write(".converge-tmp-x/evil.txt", "a name the dir store reserves"); // fails at upload
        DeleteLimit all = DeleteLimit.parse("100%");
        PushResult r = push(p -> p.setDelete(true).setMaxDelete(all));
        assertThat(r.exitCode()).isEqualTo(ExitCode.ITEM_FAILED);
        assertThat(r.report().items()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo("a.txt");
            assertThat(i.outcome()).isEqualTo("skipped");
            assertThat(i.message()).contains("upload errors");
        });
        assertThat(dst.resolve("a.txt")).exists();
    }

    @Test
    void aFileChangedOnBothSidesIsAConflictAndIsNotOverwritten() throws Exception {
        push(p -> p.setCreate(true));
        write("a.txt", "local edit");
        Files.writeString(dst.resolve("a.txt"), "remote edit");

        PushResult r = push(UnaryOperator.identity());
        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFLICTS);
        assertThat(r.report().items()).singleElement().extracting(ReportItem::outcome).isEqualTo("conflict");
        assertThat(Files.readString(dst.resolve("a.txt"))).isEqualTo("remote edit");

        PushResult forced = push(p -> p.setForce(true));
        assertThat(forced.exitCode()).isEqualTo(ExitCode.CONVERGED);
        assertThat(Files.readString(dst.resolve("a.txt"))).isEqualTo("local edit");
    }

    @Test
    void aRemoteObjectChangedOrDeletedBySomeoneElseIsRestored() throws Exception {
        push(p -> p.setCreate(true));
        Files.writeString(dst.resolve("a.txt"), "tampered");
        Files.delete(dst.resolve("dir/b.txt"));

        PushResult r = push(UnaryOperator.identity());
        assertThat(uploaded(r)).containsExactlyInAnyOrder("a.txt", "dir/b.txt");
        assertThat(treeOf(dst)).isEqualTo(treeOf(src));
    }

    @Test
    void modeAllFindsARemoteDifferenceTheRecordMisses() throws Exception {
        push(p -> p.setCreate(true));
        // Same size and restored mtime on the remote: only a content comparison notices.
        Path remote = dst.resolve("a.txt");
        FileTime mtime = Files.getLastModifiedTime(remote);
        Files.writeString(remote, "ALPHA");
        Files.setLastModifiedTime(remote, mtime);

        assertThat(push(UnaryOperator.identity()).report().items()).isEmpty();
        PushResult all = push(p -> p.setMode(PushMode.ALL));
        assertThat(uploaded(all)).containsExactly("a.txt");
        assertThat(Files.readString(remote)).isEqualTo("alpha");
    }

    @Test
    void aFirstPushToAPopulatedTargetUploadsOnlyWhatDiffers() throws Exception {
        Files.createDirectories(dst.resolve("dir"));
        Files.writeString(dst.resolve("a.txt"), "alpha");
        Files.writeString(dst.resolve("dir/b.txt"), "different");
        PushResult r = push(UnaryOperator.identity());
        assertThat(uploaded(r)).containsExactlyInAnyOrder("dir/b.txt", "dir/deeper/c.bin");
    }

    @Test
    void ignoreRulesAndExcludesSkipPaths() throws Exception {
        write(".convergeignore", "*.log\nbuild/\n!keep.log\n");
        write("x.log", "skip");
        write("keep.log", "keep");
        write("build/out.bin", "skip");
        write("tmp/t.tmp", "skip");
        PushResult r = push(p -> p.setCreate(true).setExcludes(List.of("*.tmp")));
        assertThat(uploaded(r)).containsExactlyInAnyOrder("a.txt", "dir/b.txt", "dir/deeper/c.bin", "keep.log");
    }

    @Test
    void anInvalidPatternIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> push(p -> p.setCreate(true).setExcludes(List.of("[unclosed"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("--exclude [unclosed");
    }

    @Test
    void aMissingSourceOrTargetIsAUsageError() {
        assertThatThrownBy(() -> push(UnaryOperator.identity()))
                .isInstanceOf(UsageException.class).hasMessageContaining("does not exist").hasMessageContaining("--create");
        src = tmp.resolve("nope");
        assertThatThrownBy(() -> push(p -> p.setCreate(true)))
                .isInstanceOf(UsageException.class).hasMessageContaining("source directory").hasMessageContaining("nope");
    }

    @Test
    void theAuditTrailKeepsEveryAction() throws Exception {
        push(p -> p.setCreate(true));
        write("a.txt", "again");
        push(UnaryOperator.identity());
        try (StateStore state = SqliteStateStore.open(stateFile)) {
            var events = state.audit().query(dev.converge.core.audit.AuditQuery.all());
            assertThat(events).hasSize(4);
            assertThat(events.get(0).itemId()).isEqualTo("a.txt");
            assertThat(events).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("ok"));
        }
    }

    @Test
    void reportAndAuditTrailCountTheSameBytesForEveryItemFailedOrNot() throws Exception {
        // a name dir: refuses to hold: that item fails, the others go up
        write("odd/.converge-tmp-x", "x".repeat(1000));
        PushResult r = push(p -> p.setCreate(true));
        assertThat(r.exitCode()).isEqualTo(ExitCode.ITEM_FAILED);
        Map<String, Long> reported = r.report().items().stream().collect(Collectors.toMap(ReportItem::id, ReportItem::bytes));
        assertThat(reported).containsEntry("odd/.converge-tmp-x", 0L).containsEntry("a.txt", 5L)
                .containsEntry("dir/deeper/c.bin", 7000L);
        try (StateStore state = SqliteStateStore.open(stateFile)) {
            Map<String, Long> audited = state.audit().query(dev.converge.core.audit.AuditQuery.all()).stream()
                    .collect(Collectors.toMap(dev.converge.core.audit.AuditEvent::itemId, dev.converge.core.audit.AuditEvent::bytes));
            assertThat(audited).isEqualTo(reported);
        }
        assertThat(r.report().count("bytes")).isEqualTo(5 + 5 + 7000);
    }

    @Test
    void aNewFileIsReadOnceAndItsBaseRecordsWhatWasSent() throws Exception {
        push(p -> p.setCreate(true));
        try (StateStore state = SqliteStateStore.open(stateFile)) {
            var bases = state.bases(new FilesPush(src, store(), state).syncId());
            // the SHA-256 in each base is the content's, computed while it was sent
            assertThat(bases.get("dir/deeper/c.bin").left().value())
                    .endsWith(":" + ContentHash.of(src.resolve("dir/deeper/c.bin")).sha256());
            assertThat(bases).hasSize(3);
        }
    }

    private PushResult push(UnaryOperator<FilesPush> configure) throws Exception {
        try (StateStore state = SqliteStateStore.open(stateFile); ObjectStore store = store()) {
            FilesPush push = new FilesPush(src, store, state).setRetryPolicy(RetryPolicy.NONE).setConcurrency(4);
            return configure.apply(push).call();
        }
    }

    private ObjectStore store() throws Exception {
        return new DirStoreProvider().create(StoreTarget.parse("dir:" + dst), StoreSettings.fromEnvironment());
    }

    private static List<String> uploaded(PushResult r) {
        return r.report().items().stream().filter(i -> i.action().equals("upload") && i.outcome().equals("ok"))
                .map(ReportItem::id).toList();
    }

    private void write(String rel, String content) throws IOException {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    static Map<String, String> treeOf(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(IgnoreRules.FILE_NAME))
                    .collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> {
                        try {
                            return ContentHash.of(p).sha256();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }

}
