package dev.converge.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.audit.AuditEvent;
import dev.converge.core.audit.AuditQuery;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Outcome.Status;
import dev.converge.core.model.Run;
import dev.converge.core.pipeline.Applied;
import dev.converge.core.pipeline.TestItem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecorderTest {
    @TempDir
    Path dir;

    private static Base base(String id, String fp) {
        return new Base(id, Fingerprint.of(fp), Fingerprint.of(fp), Instant.parse("2026-11-23T10:00:00Z"));
    }

    private static Outcome outcome(String id, ActionType type, Status status, String message) {
        return Outcome.of(TestItem.action(id, type), status, message, Instant.now(), 1);
    }

    @Test
    void recordsBasesForSuccessesAuditForEverythingAndForgetsWhatIsGone() throws Exception {
        Path file = dir.resolve("state.db");
        Run run = Run.start("files", "sync1", "converge files push", false);
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            store.updateBases("sync1", List.of(base("gone", "old"), base("failedItem", "old")), List.of());
            StateRecorder recorder = new StateRecorder(store, run);
            recorder.record(outcome("ok", ActionType.UPLOAD, Status.OK, ""), Applied.ok(base("ok", "new")));
            recorder.record(outcome("gone", ActionType.DELETE, Status.OK, ""), Applied.forgotten());
            // A failure whose runner nevertheless handed back a base must not move the base.
            recorder.record(outcome("failedItem", ActionType.UPLOAD, Status.FAILED, "403 Forbidden"),
                    Applied.ok(base("failedItem", "never")));
            recorder.record(outcome("skip", ActionType.SKIP, Status.SKIPPED, "excluded"), Applied.ok(base("skip", "x")));
            recorder.record(outcome("conf", ActionType.UPDATE, Status.CONFLICT, "both changed"), Applied.conflict("both"));
            recorder.record(outcome("noApplied", ActionType.UPLOAD, Status.FAILED, "boom"), null);
            recorder.flush();
            assertThat(recorder.failure()).isNull();
        }
        // flush made it durable: a fresh connection sees it
        try (StateStore store = SqliteStateStore.openReadOnly(file)) {
            var bases = store.bases("sync1");
            assertThat(bases).containsOnlyKeys("ok", "failedItem");
            assertThat(bases.get("ok").left()).isEqualTo(Fingerprint.of("new"));
            assertThat(bases.get("failedItem").left()).isEqualTo(Fingerprint.of("old"));

            List<AuditEvent> events = store.audit().query(new AuditQuery(null, null, null, run.id(), 0));
            assertThat(events).extracting(AuditEvent::itemId)
                    .containsExactly("noApplied", "conf", "skip", "failedItem", "gone", "ok");
            assertThat(events).extracting(AuditEvent::outcome)
                    .containsExactly("failed", "conflict", "skipped", "failed", "ok", "ok");
            assertThat(events.get(3).message()).isEqualTo("403 Forbidden");
            assertThat(events.get(3).bytes()).as("a failed upload moved no bytes").isZero();
            assertThat(events.get(5).bytes()).isEqualTo(100);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo("files");
                assertThat(e.syncId()).isEqualTo("sync1");
            });
        }
    }

    @Test
    void nothingIsDurableBeforeFlushAndAWriteFailureIsKept() throws Exception {
        Path file = dir.resolve("state.db");
        Run run = Run.start("files", "sync1", "", false);
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            StateRecorder recorder = new StateRecorder(store, run);
            recorder.record(outcome("a", ActionType.UPLOAD, Status.OK, ""), Applied.ok(base("a", "1")));
            assertThat(store.bases("sync1")).isEmpty();
            recorder.flush();
            assertThat(store.bases("sync1")).containsOnlyKeys("a");

            // The store goes away: the recorder must not throw from worker threads, but must remember the failure.
            store.close();
            recorder.record(outcome("b", ActionType.UPLOAD, Status.OK, ""), Applied.ok(base("b", "1")));
            recorder.flush();
            assertThat(recorder.failure()).isNotNull();
        }
    }
}
