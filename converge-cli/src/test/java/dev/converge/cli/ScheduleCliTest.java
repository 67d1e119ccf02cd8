package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --schedule}, {@code converge schedule …} and {@code converge daemon} in-process, with clocks
 * the test chooses; the scheduled syncs are real, witnessed by {@code git}.
 */
class ScheduleCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant STORED = Instant.parse("2026-11-23T12:00:00Z");

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path cwd;

    @RegisterExtension
    final Upstreams upstreams = new Upstreams();

    @BeforeEach
    void fleet() throws Exception {
        upstreams.addAll(cwd.resolve("srv"), "team/api", "team/web");
    }

    private CliRun at(Instant now, String... args) {
        return CliRun.run(cwd, Map.of(), Clock.fixed(now, ZoneOffset.UTC), args);
    }

    private CliRun schedule(String pattern, String cron, String... extra) {
        List<String> args = new ArrayList<>(List.of("repos", "sync", pattern, "--provider", "local", "--root", "srv",
                "--into", "ws", "--schedule", cron));
        args.addAll(List.of(extra));
        return at(STORED, args.toArray(String[]::new));
    }

    private Path state() {
        return cwd.resolve(".state/converge/state.db");
    }

    @Test
    void scheduleStoresTheCommandAndSaysWhenItRunsWithoutRunningIt() throws Exception {
        CliRun r = schedule("team/*", "0 2 * * *");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("scheduled repos-sync-local-team: at 02:00 every day (0 2 * * *)")
                .contains("converge repos sync 'team/*' --provider local --root srv --into ws")
                .contains("next run 2026-11-24 02:00");
        assertThat(cwd.resolve("ws")).as("stored, not run").doesNotExist();

        JsonNode list = JSON.readTree(at(STORED, "schedule", "list", "--json").out);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("repos-sync-local-team");
        assertThat(list.get(0).get("description").asText()).isEqualTo("at 02:00 every day");
        assertThat(list.get(0).get("next_run").asText()).isEqualTo("2026-11-24T02:00:00Z");
        assertThat(list.get(0).get("last_run").isNull()).isTrue();
        assertThat(list.get(0).get("args").toString()).doesNotContain("--schedule");

        CliRun table = at(STORED, "schedule", "list");
        assertThat(table.out).containsPattern("repos-sync-local-team\\s+0 2 \\* \\* \\*\\s+at 02:00 every day\\s+never\\s+2026-11-24 02:00\\s+converge repos sync");

        CliRun again = schedule("team/*", "0 2 * * *");
        assertThat(again.exit).isEqualTo(2);
        assertThat(again.err).contains("a schedule named 'repos-sync-local-team' exists already");
        assertThat(schedule("team/*", "0 3 * * *", "--schedule-name", "later").exit).isZero();
        assertThat(JSON.readTree(at(STORED, "schedule", "list", "--json").out)).hasSize(2);
    }

    @Test
    void aDryRunSaysWhatWouldBeScheduledAndStoresNothing() {
        CliRun r = schedule("team/*", "*/10 * * * *", "--dry-run");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("would schedule repos-sync-local-team: every 10 minutes").contains("dry run: nothing stored");
        assertThat(state()).doesNotExist();
        assertThat(cwd.resolve("ws")).doesNotExist();
    }

    @Test
    void aBadCronExpressionIsExitTwoSayingWhatWasExpectedAndStoresNothing() {
        CliRun r = schedule("team/*", "0 2 * *");

        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("bad cron expression '0 2 * *'").contains("expected five fields: minute hour day-of-month month day-of-week");
        assertThat(state()).doesNotExist();
    }

    @Test
    void aCommandHoldingASecretIsNotStored() {
        CliRun r = at(STORED, "repos", "sync", "team/*", "--provider", "local", "--root",
                "https://me:s3cr3t-pass@git.example.com/srv", "--into", "ws", "--schedule", "0 2 * * *");

        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("the command holds a secret").doesNotContain("s3cr3t-pass");
        assertThat(state()).doesNotExist();
    }

    @Test
    void aTokenFromTheConfigNeverReachesTheStateFile() throws Exception {
        String token = "ghp_" + "S".repeat(36);
        Files.writeString(cwd.resolve("converge.yaml"), "providers:\n  work: { type: github, url: http://127.0.0.1:9, token: \"${env:GITHUB_TOKEN}\" }\n");

        CliRun r = CliRun.run(cwd, Map.of("GITHUB_TOKEN", token), Clock.fixed(STORED, ZoneOffset.UTC),
                "repos", "sync", "work:octo/*", "--into", "ws", "--schedule", "*/30 * * * *");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("scheduled repos-sync-work-octo: every 30 minutes");
        assertThat(new String(Files.readAllBytes(state()), StandardCharsets.ISO_8859_1)).doesNotContain(token).contains("work:octo/*");
    }

    @Test
    void removeTakesAScheduleAwayAndAnUnknownNameIsExitTwo() {
        schedule("team/*", "0 2 * * *", "--schedule-name", "nightly");

        CliRun unknown = at(STORED, "schedule", "remove", "nigthly");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("no schedule named 'nigthly'; there are: nightly");

        CliRun removed = at(STORED, "schedule", "remove", "nightly");
        assertThat(removed.exit).as(removed.toString()).isZero();
        assertThat(removed.out).contains("removed schedule nightly");
        assertThat(at(STORED, "schedule", "list").out).contains("no schedules");
    }

    @Test
    void runDueWithNothingScheduledCreatesNoStateFile() {
        CliRun r = at(STORED, "schedule", "run-due");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).isEqualTo("nothing due\n");
        assertThat(state()).doesNotExist();
    }

    @Test
    void runDueRunsOnlyWhatIsDueAndTheSyncReallyHappens() throws Exception {
        schedule("team/api", "0 2 * * *", "--schedule-name", "api");
        schedule("team/web", "0 3 * * *", "--schedule-name", "web");

        CliRun early = at(STORED.plusSeconds(3600), "schedule", "run-due");
        assertThat(early.exit).as(early.toString()).isZero();
        assertThat(early.out).contains("nothing due");
        assertThat(cwd.resolve("ws")).doesNotExist();

        Instant after2 = Instant.parse("2026-11-24T02:30:00Z");
        CliRun due = at(after2, "schedule", "run-due", "--json");

        assertThat(due.exit).as(due.toString()).isZero();
        JsonNode runs = JSON.readTree(due.out);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("name").asText()).isEqualTo("api");
        assertThat(runs.get(0).get("due").asText()).isEqualTo("2026-11-24T02:00:00Z");
        assertThat(runs.get(0).get("exit_code").asInt()).isZero();
        assertThat(git.git(cwd.resolve("ws/team/api"), "log", "-1", "--format=%H")).isEqualTo(upstreams.get(0).head());
        assertThat(cwd.resolve("ws/team/web")).doesNotExist();
        assertThat(at(after2, "schedule", "run-due").out).as("answered already").contains("nothing due");

        JsonNode list = JSON.readTree(at(after2, "schedule", "list", "--json").out);
        assertThat(list.get(0).get("last_exit").asInt()).isZero();
        assertThat(list.get(0).get("last_run").asText()).isEqualTo(after2.toString());
        assertThat(list.get(1).get("last_run").isNull()).isTrue();
        assertThat(at(after2, "history", "--kind", "repos").out).as("the run is recorded in the schedule's state file")
                .contains("team/api");
    }

    @Test
    void theDaemonRunsWhatItMissedOnceOnStartThenStopsWhenInterrupted() throws Exception {
        schedule("team/*", "0 2 * * *", "--schedule-name", "nightly");
        String pushed = upstreams.get(1).push("NEWS.md", "news\n", "News");
        Instant daysLater = Instant.parse("2026-11-27T09:00:00Z"); // three nights missed
        AtomicReference<CliRun> result = new AtomicReference<>();
        // The daemon prints a run's line once the run is recorded: that line is what the test waits for.
        CountDownLatch firstRun = new CountDownLatch(1);
        Thread daemon = Thread.ofPlatform().start(() -> result.set(CliRun.run(cwd, Map.of(),
                Clock.fixed(daysLater, ZoneOffset.UTC), line -> firstRun.countDown(), "daemon", "--json")));

        Path web = cwd.resolve("ws/team/web");
        firstRun.await(60, TimeUnit.SECONDS);
        daemon.interrupt();
        daemon.join(60_000);

        CliRun r = result.get();
        assertThat(r).as("the daemon returned").isNotNull();
        assertThat(r.exit).as(r.toString()).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        JsonNode run = JSON.readTree(lines.get(0));
        assertThat(run.get("name").asText()).isEqualTo("nightly");
        assertThat(run.get("due").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(run.get("exit_code").asInt()).isZero();
        assertThat(r.err).as("the sync's own report goes to stderr").contains("cloned 2");
        assertThat(git.git(web, "log", "-1", "--format=%H %s")).isEqualTo(pushed + " News");
        assertThat(lastExit()).isZero();
    }

    private Integer lastExit() throws Exception {
        if (!Files.exists(state())) {
            return null;
        }
        JsonNode list = JSON.readTree(at(STORED, "schedule", "list", "--json").out);
        return list.isEmpty() || list.get(0).get("last_exit").isNull() ? null : list.get(0).get("last_exit").asInt();
    }
}
