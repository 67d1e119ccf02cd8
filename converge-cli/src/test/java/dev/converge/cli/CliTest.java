package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: exit codes, streams, errors, configuration, help. */
class CliTest {
    @TempDir
    Path cwd;

    @BeforeEach
    void source() throws IOException {
        Files.createDirectories(cwd.resolve("src/sub"));
        Files.writeString(cwd.resolve("src/one.txt"), "one");
        Files.writeString(cwd.resolve("src/sub/two.txt"), "two");
    }

    private CliRun run(String... args) {
        return CliRun.run(cwd, Map.of(), args);
    }

    @Test
    void pushThenHistory() {
        CliRun push = run("files", "push", "src", "--to", "dir:dst", "--create");
        assertThat(push.exit).as(push.toString()).isZero();
        assertThat(push.out).contains("uploaded 2");
        assertThat(cwd.resolve("dst/sub/two.txt")).hasContent("two");
        assertThat(cwd.resolve(".state/converge/state.db")).exists();

        CliRun history = run("history", "--kind", "files", "--since", "1d");
        assertThat(history.exit).isZero();
        assertThat(history.out).contains("upload").contains("sub/two.txt").contains("ok");
        assertThat(run("history", "--item", "sub/").out).contains("sub/two.txt").doesNotContain("one.txt");
    }

    @Test
    void jsonPrintsExactlyOneDocumentOnStdout() throws Exception {
        CliRun r = run("files", "push", "src", "--to", "dir:dst", "--create", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out);
        assertThat(doc.get("kind").asText()).isEqualTo("files");
        assertThat(doc.get("dry_run").asBoolean()).isFalse();
        assertThat(doc.get("summary").get("uploaded").asLong()).isEqualTo(2);
        assertThat(doc.get("items")).hasSize(2);
        for (String field : List.of("run_id", "command", "started_at", "finished_at")) {
            assertThat(doc.has(field)).as(field).isTrue();
        }
        JsonNode history = new ObjectMapper().readTree(run("history", "--json").out);
        assertThat(history.get("events")).hasSize(2);
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        CliRun r = run("files", "push", "src", "--to", "dir:dst", "--create", "--dry-run");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("+ one.txt").contains("+ sub/two.txt").contains("would upload 2 files");
        assertThat(cwd.resolve("dst")).doesNotExist();
        assertThat(cwd.resolve(".state")).doesNotExist();
    }

    @Test
    void statusSaysWhatAPushWouldDo() throws IOException {
        run("files", "push", "src", "--to", "dir:dst", "--create");
        Files.writeString(cwd.resolve("src/one.txt"), "changed");
        Files.writeString(cwd.resolve("src/three.txt"), "three");
        CliRun r = run("files", "status", "src", "--to", "dir:dst");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("1 added, 1 modified, 0 deleted, 0 conflicts, 1 unchanged");
    }

    @Test
    void usageErrorsExitTwoWithOneClearLine() {
        assertError(run("files", "push", "nope", "--to", "dir:dst", "--create"), "source directory", "nope");
        assertError(run("files", "push", "src", "--to", "ftp://host/x"), "unknown scheme 'ftp'");
        assertError(run("files", "push", "src", "--to", "s3://"), "no bucket named");
        assertError(run("files", "push", "src", "--to", "dir:dst"), "does not exist", "--create");
        assertError(run("files", "push", "src", "--to", "dir:dst", "--max-delete", "lots"), "--max-delete lots", "expected");
        assertError(run("files", "push", "src", "--to", "dir:dst", "--mode", "some"), "--mode some");
        assertError(run("files", "push", "src", "--to", "dir:dst", "--report", "pdf"), "--report pdf");
        assertError(run("files", "push", "src", "--to", "dir:dst", "--exclude", "[x"), "invalid pattern");
        assertError(run("files", "push", "src", "--to", "dir:dst", "--bogus"), "--bogus");
        assertError(run("files", "push", "src"), "--to");
        assertError(run("history", "--since", "yesterday-ish"), "--since");
        assertThat(cwd.resolve("dst")).doesNotExist();
    }

    @Test
    void aConfigErrorNamesFileLineAndKeyAndWritesNothing() throws IOException {
        Files.writeString(cwd.resolve("converge.yaml"), "files:\n  concurrency: 4\n  max_delet: 10%\n");
        CliRun r = run("files", "push", "src", "--to", "dir:dst", "--create");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("converge.yaml:3:").contains("files.max_delet").contains("did you mean 'max_delete'");
        assertThat(cwd.resolve("dst")).doesNotExist();
        assertThat(cwd.resolve(".state")).doesNotExist();

        Files.writeString(cwd.resolve("converge.yaml"), "files: [unclosed\n");
        assertError(run("config", "show"), "converge.yaml:", "invalid YAML");
        Files.writeString(cwd.resolve("converge.yaml"), "file:\n  concurrency: 4\n");
        assertError(run("config", "show"), "converge.yaml:1:", "did you mean 'files'");
        Files.writeString(cwd.resolve("converge.yaml"), "files:\n  concurrency: many\n");
        assertError(run("files", "push", "src", "--to", "dir:dst"), "files.concurrency", "converge.yaml:2", "whole number");
    }

    @Test
    void configShowSaysWhereEachValueCameFromAndMasksSecrets() throws IOException {
        Files.writeString(cwd.resolve("converge.yaml"),
                "files:\n  concurrency: 4\n  max_delete: 10%\n  azure:\n    key: \"${env:MY_KEY}\"\n");
        CliRun r = CliRun.run(cwd, Map.of("CONVERGE_FILES_MAX_DELETE", "5", "MY_KEY", "s3cr3t-value"), "config", "show");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(line(r.out, "files.concurrency")).contains("4").contains("converge.yaml:2");
        assertThat(line(r.out, "files.max_delete")).contains("5").contains("env CONVERGE_FILES_MAX_DELETE");
        assertThat(line(r.out, "files.mode")).contains("incremental").contains("default");
        assertThat(line(r.out, "files.azure.key")).contains("****");
        assertThat(r.out + r.err).doesNotContain("s3cr3t-value");
    }

    @Test
    void secretsNeverReachOutputOrReports() throws IOException {
        String secret = "AccountKeyValueThatMustNotLeak==";
        Files.writeString(cwd.resolve("converge.yaml"), "files:\n  azure:\n    key: \"${env:LEAKY}\"\n");
        CliRun r = CliRun.run(cwd, Map.of("LEAKY", secret), "files", "push", "src", "--to", "dir:dst", "--create",
                "--report-file", "report.html", "--exclude", secret);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out + r.err).doesNotContain(secret);
        assertThat(Files.readString(cwd.resolve("report.html"))).doesNotContain(secret).contains("<svg").contains("<table>");
        assertThat(Files.readAllBytes(cwd.resolve(".state/converge/state.db"))).asString().doesNotContain(secret);
    }

    @Test
    void aCorruptStateFileIsNamedAndNothingIsWritten() throws IOException {
        Files.writeString(cwd.resolve("state.db"), "this is not a SQLite database, not at all");
        CliRun r = run("files", "push", "src", "--to", "dir:dst", "--create", "--state", "state.db");
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("state.db").contains("corrupt");
        assertThat(cwd.resolve("dst")).doesNotExist();
    }

    @Test
    void everyCommandHasHelp() {
        List<String> missing = new ArrayList<>();
        for (List<String> path : commandPaths(Main.commandLine(new CliContext(System.out, System.err, Map.of(), cwd, false)),
                new ArrayList<>())) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = run(args.toArray(String[]::new));
            if (r.exit != 0 || !r.out.contains("Usage: converge")) {
                missing.add(String.join(" ", path));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(run("--help").out).contains("Exit codes").contains("3  conflicts");
    }

    @Test
    void versionAndCompletion() {
        CliRun v = run("--version");
        assertThat(v.exit).isZero();
        assertThat(v.out).startsWith("converge ");
        CliRun c = run("completion", "bash");
        assertThat(c.exit).isZero();
        assertThat(c.out).contains("complete -F").contains("files");
        assertThat(run("completion", "fish").exit).isEqualTo(2);
    }

    /** Main registers only the command a line names; help, typos and completion must still see them all. */
    @Test
    void topLevelHelpAndTyposStillSeeEveryCommand() {
        CliRun help = run("--help");
        for (String command : List.of("files", "repos", "remotes", "history", "config", "completion", "schedule", "daemon")) {
            assertThat(help.out).containsPattern("(?m)^  " + command + "\\b");
        }
        CliRun typo = run("remtoes", "status");
        assertThat(typo.exit).isEqualTo(2);
        assertThat(typo.err).contains("remotes");
        CliRun nested = run("files", "pushh");
        assertThat(nested.exit).isEqualTo(2);
        assertThat(nested.err).contains("push");
        assertThat(run("completion", "bash").out).contains("repos").contains("remotes").contains("history");
    }

    private static List<List<String>> commandPaths(CommandLine cli, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            out.addAll(commandPaths(e.getValue(), path));
        }
        return out;
    }

    private static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + " ")).findFirst().orElse("<no line for " + key + ">");
    }

    private static void assertError(CliRun r, String... fragments) {
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).contains(fragments);
        assertThat(r.out).as(r.toString()).isEmpty();
    }
}
