package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import dev.converge.repos.testing.Upstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --conflict-strategy interactive} on a real conflict: a clone with a local commit and an
 * upstream that changed the same line, answered as a user at a terminal would, with {@code $EDITOR}
 * played by a small shell script; the {@code git} CLI checks what is left in the clone.
 */
class ReposInteractiveCliTest {
    private static final String BASE = "one\ntwo\nthree\nfour\nfive\n";
    private static final String LOCAL = "one\ntwo local\nthree\nfour\nfive\n";
    private static final String UPSTREAM = "one\nTWO upstream\nthree\nfour\nFIVE upstream\n";

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path cwd;

    @RegisterExtension
    final Upstreams upstreams = new Upstreams();
    private final Map<String, String> env = new HashMap<>();
    private String localHead;

    @BeforeEach
    void conflict() throws Exception {
        env.put("PATH", System.getenv("PATH"));
        for (String name : List.of("team/api", "team/web")) {
            upstreams.add(cwd.resolve("srv"), name).push("notes.txt", BASE, "Notes");
        }
        CliRun cloned = CliRun.run(cwd, env, "repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws");
        assertThat(cloned.exit).as(cloned.toString()).isZero();
        for (int i = 0; i < upstreams.size(); i++) {
            Path clone = cwd.resolve("ws/team/" + (i == 0 ? "api" : "web"));
            Files.writeString(clone.resolve("notes.txt"), LOCAL);
            git.git(clone, "commit", "-qam", "Local edit");
            upstreams.get(i).push("notes.txt", UPSTREAM, "Upstream edit");
        }
        localHead = git.git(api(), "rev-parse", "HEAD");
    }

    private Path api() {
        return cwd.resolve("ws/team/api");
    }

    private CliRun pullApi(String answers) {
        return CliRun.onTerminal(cwd, env, answers, "repos", "pull", "team/api", "--provider", "local", "--root", "srv",
                "--into", "ws", "--conflict-strategy", "interactive");
    }

    private void assertMergedCleanly() {
        assertThat(git.git(api(), "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main [ahead 2]");
        String[] parents = git.git(api(), "rev-list", "--parents", "-n", "1", "HEAD").split(" ");
        assertThat(parents).as("a merge commit of the local commit and upstream").hasSize(3);
        assertThat(parents[1]).isEqualTo(localHead);
        assertThat(git.git(api(), "rev-parse", "origin/main")).isEqualTo(parents[2]);
    }

    @Test
    void localTakesTheLocalHunkAndKeepsUpstreamsOtherChanges() throws Exception {
        CliRun r = pullApi("l\n");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).contains("notes.txt (file 1 of 1)").contains("hunk 1 of 1")
                .contains("  local:\n    two local\n  upstream:\n    TWO upstream\n")
                .contains("[l]ocal, [u]pstream, [e]dit in $EDITOR, [s]kip");
        assertThat(api().resolve("notes.txt")).hasContent("one\ntwo local\nthree\nfour\nFIVE upstream");
        assertMergedCleanly();
        assertThat(r.out).contains("pulled 1");
    }

    @Test
    void anUnknownAnswerIsAskedAgainThenUpstreamIsTaken() throws Exception {
        CliRun r = pullApi("maybe\nu\n");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).contains("answer l, u, e or s");
        assertThat(Files.readString(api().resolve("notes.txt"))).isEqualTo(UPSTREAM);
        assertMergedCleanly();
    }

    @Test
    void anEditWithMarkersLeftIsAskedAgainAndTheSavedFileIsTaken() throws Exception {
        // The first edit saves the file untouched (markers and all); the second resolves it by hand.
        Path editor = cwd.resolve("editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                n=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$0.count"
                grep -q '^<<<<<<< ' "$1" || exit 9
                if [ "$n" -ge 2 ]; then printf 'one\\nboth, by hand\\nthree\\nfour\\nFIVE upstream\\n' > "$1"; fi
                """);
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        env.put("EDITOR", editor.toString());

        CliRun r = pullApi("e\ne\n");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).contains("still has conflict markers").doesNotContain("the editor exited");
        assertThat(cwd.resolve("editor.sh.count")).hasContent("2");
        assertThat(api().resolve("notes.txt")).hasContent("one\nboth, by hand\nthree\nfour\nFIVE upstream");
        assertMergedCleanly();
    }

    @Test
    void skipAbortsTheWholeMergeAndLeavesTheCloneExactlyAsItWas() throws Exception {
        for (String answers : List.of("s\n", "")) {
            CliRun r = pullApi(answers);

            assertThat(r.exit).as(answers.isEmpty() ? "end of input skips" : "s skips").isEqualTo(3);
            assertThat(r.err).contains("hunk 1 of 1");
            assertThat(git.git(api(), "rev-parse", "HEAD")).isEqualTo(localHead);
            assertThat(git.git(api(), "status", "--porcelain=v1", "--untracked-files=all")).isEmpty();
            assertThat(api().resolve(".git/MERGE_HEAD")).doesNotExist();
            assertThat(Files.readString(api().resolve("notes.txt"))).isEqualTo(LOCAL);
        }
    }

    @Test
    void offATerminalItBehavesAsSkipAndSaysSoOnce() throws Exception {
        CliRun r = CliRun.run(cwd, env, "repos", "pull", "team/*", "--provider", "local", "--root", "srv",
                "--into", "ws", "--conflict-strategy", "interactive");

        assertThat(r.exit).as(r.toString()).isEqualTo(3);
        assertThat(r.err.split("not a terminal", -1)).as("said once").hasSize(2);
        assertThat(r.err).doesNotContain("[l]ocal");
        assertThat(git.git(api(), "rev-parse", "HEAD")).isEqualTo(localHead);
        assertThat(Files.readString(api().resolve("notes.txt"))).isEqualTo(LOCAL);
    }

    @Test
    void twoRepositoriesMergedInParallelAreAskedAboutOneAfterTheOther() throws Exception {
        CliRun r = CliRun.onTerminal(cwd, env, "l\nu\n", "repos", "pull", "team/*", "--provider", "local", "--root", "srv",
                "--into", "ws", "--conflict-strategy", "interactive", "--concurrency", "2");

        assertThat(r.exit).as(r.toString()).isZero();
        int first = r.err.indexOf("conflict in ");
        int second = r.err.indexOf("conflict in ", first + 1);
        assertThat(second).as(r.err).isPositive();
        assertThat(r.err.indexOf("[s]kip", first)).as("the first repository's question comes before the second's hunks")
                .isLessThan(second);
        String firstAnswered = r.err.substring(first, r.err.indexOf('\n', first)).contains("team/api") ? "api" : "web";
        String secondAnswered = firstAnswered.equals("api") ? "web" : "api";
        assertThat(Files.readString(cwd.resolve("ws/team/" + firstAnswered + "/notes.txt"))).contains("two local");
        assertThat(Files.readString(cwd.resolve("ws/team/" + secondAnswered + "/notes.txt"))).isEqualTo(UPSTREAM);
    }
}
