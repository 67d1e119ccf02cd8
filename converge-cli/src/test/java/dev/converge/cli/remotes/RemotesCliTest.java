package dev.converge.cli.remotes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.CliContext;
import dev.converge.cli.Main;
import dev.converge.remotes.HttpGitServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The remotes commands run in-process through {@link Main#run}, against real repositories, with git as witness. */
class RemotesCliTest {
    @TempDir
    Path tmp;
    Git work;
    Path root;
    Map<String, String> env;
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("work");
        work = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
        Files.writeString(root.resolve("f.txt"), "one\n");
        work.add().addFilepattern("f.txt").call();
        work.commit().setMessage("one").setSign(false).call();
        env = Map.of("CONVERGE_STATE", tmp.resolve("state.db").toString(), "HOME", tmp.toString(),
                "GIT_CEILING_DIRECTORIES", tmp.toString());
    }

    @AfterEach
    void tearDown() {
        work.close();
    }

    private int run(Path cwd, String... args) {
        return run(false, "", cwd, args);
    }

    /** Runs on a terminal or off one; {@code input} is what the user types in answer to prompts. */
    private int run(boolean terminal, String input, Path cwd, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                env, cwd, terminal, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), java.time.Clock.systemDefaultZone());
        int code = Main.run(context, args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Rewrites main on the remote from another clone, as a colleague's force push would, and returns the new commit. */
    private String forcePushFromOtherClone(Path bare) throws Exception {
        Path other = tmp.resolve("other-" + System.nanoTime());
        git(tmp, "clone", "-q", bare.toUri().toString(), other.toString());
        Files.writeString(other.resolve("f.txt"), "theirs\n");
        git(other, "-c", "user.name=o", "-c", "user.email=o@x", "commit", "-q", "-a", "--amend", "-m", "theirs");
        git(other, "push", "-q", "--force", "origin", "main");
        return git(other, "rev-parse", "HEAD").trim();
    }

    private static String git(Path dir, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private Path bare(String name) throws Exception {
        Path dir = tmp.resolve(name + ".git");
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        setUrl(name, dir.toString());
        return dir;
    }

    private void setUrl(String name, String url) throws Exception {
        StoredConfig config = work.getRepository().getConfig();
        config.setString("remote", name, "url", url);
        config.setString("remote", name, "fetch", "+refs/heads/*:refs/remotes/" + name + "/*");
        config.save();
    }

    private static String lsRemote(Path bare) throws Exception {
        Process p = new ProcessBuilder("git", "ls-remote", "--heads", bare.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return text;
    }

    private String head() throws Exception {
        return work.getRepository().resolve("HEAD").name();
    }

    @Test
    void pushReportsAsJsonWithKindRemotesAndGitSeesTheCommit() throws Exception {
        Path a = bare("a");
        Path b = bare("b");

        int code = run(root, "remotes", "push", "--json");

        assertThat(code).as(err).isZero();
        JsonNode doc = new ObjectMapper().readTree(out);
        assertThat(doc.get("kind").asText()).isEqualTo("remotes");
        assertThat(doc.at("/summary/pushed").asLong()).isEqualTo(2);
        assertThat(doc.get("items")).extracting(i -> i.get("id").asText()).containsExactly("a/main", "b/main");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
        assertThat(lsRemote(b)).contains(head() + "\trefs/heads/main");

        assertThat(run(root.resolve("."), "remotes", "status")).isZero();
        assertThat(out).contains("in sync");
    }

    @Test
    void anUnreachableRemoteIsQueuedInTheStateStoreAndRetriedLater() throws Exception {
        Path a = bare("a");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        setUrl("mirror", "http://127.0.0.1:" + closed + "/mirror.git");
        Files.writeString(root.resolve(".converge.yaml"), "retry: { attempts: 1 }\n");

        assertThat(run(root, "remotes", "push")).isEqualTo(1);
        assertThat(out).contains("mirror/main").contains("queued");
        assertThat(run(root, "remotes", "queue", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out).get("entries")).singleElement()
                .satisfies(e -> assertThat(e.get("sha").asText()).isEqualTo(head()));

        Path mirror = bare("mirror");
        assertThat(run(root, "remotes", "queue", "retry")).as(out + err).isZero();
        assertThat(out).contains("mirror/main").contains("pushed").contains("from the queue");
        assertThat(lsRemote(mirror)).contains(head() + "\trefs/heads/main");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
        assertThat(run(root, "remotes", "queue")).isZero();
        assertThat(out).contains("the offline queue is empty");
    }

    @Test
    void aDivergedRemoteUnderBlockExitsOneAndKeepsItsCommit() throws Exception {
        Path a = bare("a");
        assertThat(run(root, "remotes", "push")).isZero();
        String pushed = head();
        work.commit().setAmend(true).setMessage("rewritten").setSign(false).call();

        assertThat(run(root, "remotes", "push")).isEqualTo(1);

        assertThat(out).contains("a/main").contains("blocked").contains("to reconcile: git fetch a");
        assertThat(lsRemote(a)).contains(pushed + "\trefs/heads/main");
        assertThat(run(root, "remotes", "status")).isEqualTo(3);
        assertThat(out).contains("diverged (1, 1)");
    }

    @Test
    void badInputIsExitTwoAndNamesWhatIsWrong() throws Exception {
        bare("a");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: maybe }\n");

        assertThat(run(root, "remotes", "push")).isEqualTo(2);
        assertThat(err).contains(".converge.yaml:2:").contains("remotes.a.force_push: 'maybe' is not one of block, warn, allow");

        Files.delete(root.resolve(".converge.yaml"));
        assertThat(run(root, "remotes", "push", "--branch", "nope")).isEqualTo(2);
        assertThat(err).contains("branch 'nope' does not exist");

        Path outside = Files.createDirectories(tmp.resolve("not-a-repo"));
        assertThat(run(outside, "remotes", "status")).isEqualTo(2);
        assertThat(err).contains("not inside a Git repository");
    }

    @Test
    void aDryRunWritesNothingAnywhere() throws Exception {
        Path a = bare("a");

        assertThat(run(root, "remotes", "push", "--dry-run", "--json")).as(err).isZero();

        JsonNode doc = new ObjectMapper().readTree(out);
        assertThat(doc.get("dry_run").asBoolean()).isTrue();
        assertThat(doc.get("items")).singleElement().satisfies(i -> {
            assertThat(i.get("outcome").asText()).isEqualTo("skipped");
            assertThat(i.get("message").asText()).isEqualTo("dry run: would push (create branch)");
        });
        assertThat(lsRemote(a)).isEmpty();
        assertThat(tmp.resolve("state.db")).doesNotExist();
        assertThat(work.getRepository().resolve("refs/remotes/a/main")).isNull();
    }

    @Test
    void allowLeasesOnWhatConvergeLastPushedNotOnATrackingBranchAFetchMoved() throws Exception {
        Path a = bare("a");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: allow }\n");
        assertThat(run(root, "remotes", "push")).as(err).isZero();
        String theirs = forcePushFromOtherClone(a);
        // A plain fetch moves refs/remotes/a/main onto the colleague's commit without a word.
        git(root, "fetch", "-q", "a");
        assertThat(work.getRepository().resolve("refs/remotes/a/main").name()).isEqualTo(theirs);
        work.commit().setAmend(true).setMessage("mine").setSign(false).call();

        assertThat(run(root, "remotes", "push")).isEqualTo(1);

        assertThat(out).contains("a/main").contains("blocked")
                .contains("force-with-lease refused: the remote moved since converge last pushed it");
        assertThat(lsRemote(a)).contains(theirs + "\trefs/heads/main");
    }

    @Test
    void allowWithoutAPushOfItsOwnLeasesOnTheTrackingBranchAndSaysSo() throws Exception {
        Path a = bare("a");
        git(root, "push", "-q", "a", "main");
        git(root, "fetch", "-q", "a");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: allow }\n");
        work.commit().setAmend(true).setMessage("mine").setSign(false).call();

        assertThat(run(root, "remotes", "push")).as(out + err).isZero();

        assertThat(out).contains("a/main").contains("pushed").contains("no converge push recorded, so the lease is refs/remotes/a/main");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
    }

    @Test
    void warnAsksOnATerminalAndDoesWhatTheAnswerSays() throws Exception {
        Path a = bare("a");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: warn }\n");
        assertThat(run(root, "remotes", "push")).isZero();
        String pushed = head();
        work.commit().setAmend(true).setMessage("mine").setSign(false).call();

        assertThat(run(true, "n\n", root, "remotes", "push")).isEqualTo(1);
        assertThat(err).contains("Force-push main to a (diverged (1, 1))? Commits only on a will be dropped there. [y/N] ");
        assertThat(out).contains("blocked");
        assertThat(lsRemote(a)).contains(pushed + "\trefs/heads/main");

        assertThat(run(true, "y\n", root, "remotes", "push")).as(out + err).isZero();
        assertThat(out).contains("pushed").contains("forced with lease");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
    }

    @Test
    void warnOffATerminalRefusesWithoutAskingUnlessForced() throws Exception {
        Path a = bare("a");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: warn }\n");
        assertThat(run(root, "remotes", "push")).isZero();
        String pushed = head();
        work.commit().setAmend(true).setMessage("mine").setSign(false).call();

        // "y" waits on stdin, but off a terminal nobody is asked: it must not be read as consent.
        assertThat(run(false, "y\n", root, "remotes", "push")).isEqualTo(1);
        assertThat(err).doesNotContain("[y/N]");
        assertThat(out).contains("force_push is warn: confirm on a terminal or pass --force");
        assertThat(lsRemote(a)).contains(pushed + "\trefs/heads/main");

        assertThat(run(root, "remotes", "push", "--force")).as(out + err).isZero();
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
    }

    @Test
    void progressIsRedrawnOnATerminalPlainOffOneAndSilentWhenQuiet() throws Exception {
        bare("a");
        bare("b");

        assertThat(run(true, "", root, "remotes", "push")).as(err).isZero();
        assertThat(err).contains("· a  pending").contains("a  pushing").contains("a  done (1 pushed)").contains("b  done (1 pushed)")
                .contains("\u001b[2F").endsWith("\u001b[2F\u001b[J");

        work.commit().setMessage("two").setSign(false).call();
        assertThat(run(root, "remotes", "push")).isZero();
        assertThat(err.lines().toList()).startsWith("remotes: pending a, b")
                .contains("remotes: a pushing", "remotes: a done (1 pushed)", "remotes: b done (1 pushed)");
        assertThat(err).doesNotContain("\u001b");

        work.commit().setMessage("three").setSign(false).call();
        assertThat(run(true, "", root, "remotes", "push", "-q")).isZero();
        assertThat(err).isEmpty();
    }

    @Test
    void aFailingRemoteShowsAsFailedInTheProgress() throws Exception {
        bare("a");
        setUrl("gone", tmp.resolve("nowhere.git").toUri().toString());

        assertThat(run(root, "remotes", "push")).isEqualTo(1);

        assertThat(err).contains("remotes: a done (1 pushed)").contains("remotes: gone failed (1 failed)");
    }

    @Test
    void aBranchGlobThatMatchesNothingIsExitTwoNamingGlobRemoteAndPlaceAndPushesNothing() throws Exception {
        Path a = bare("a");
        Path b = bare("b");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  b: { branches: [main, \"relase/*\"] }\n");

        assertThat(run(root, "remotes", "push")).isEqualTo(2);

        assertThat(err.strip()).isEqualTo("converge: " + root.resolve(".converge.yaml") + ":2:25: remotes.b.branches[1]: branch glob"
                + " 'relase/*' of remote 'b' matches no local branch; local branches: main");
        assertThat(lsRemote(a)).isEmpty();
        assertThat(lsRemote(b)).isEmpty();
        assertThat(tmp.resolve("state.db")).doesNotExist();
        assertThat(run(root, "remotes", "status")).isEqualTo(2);
    }

    @Test
    void everyBadInputOfTheIssueGetsOneClearLineAndTheRightExitCode() throws Exception {
        Path a = bare("a");
        Path outside = Files.createDirectories(tmp.resolve("not-a-repo"));
        assertThat(run(outside, "remotes", "push")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("converge: not inside a Git repository: " + outside + " (run it in one, or pass --repo DIR)");

        assertThat(run(root, "remotes", "push", "--branch", "nope")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("converge: branch 'nope' does not exist; local branches: main");

        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { force_push: maybe }\n");
        assertThat(run(root, "remotes", "push")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("converge: " + root.resolve(".converge.yaml")
                + ":2:8: remotes.a.force_push: 'maybe' is not one of block, warn, allow");

        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { vpn: corprate }\nvpn:\n  corporate: { connect_cmd: \"true\" }\n");
        assertThat(run(root, "remotes", "push")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("converge: " + root.resolve(".converge.yaml")
                + ":2:8: remotes.a.vpn: vpn 'corprate' is not defined; defined: corporate");
        assertThat(lsRemote(a)).isEmpty();
        assertThat(tmp.resolve("state.db")).doesNotExist();

        Files.delete(root.resolve(".converge.yaml"));
        setUrl("lost", "http://converge-test.invalid/lost.git");
        Files.writeString(root.resolve(".converge.yaml"), "retry: { attempts: 1 }\n");
        assertThat(run(root, "remotes", "push")).isEqualTo(1);
        assertThat(out).containsPattern("lost/main +queued +unreachable: host does not resolve: converge-test.invalid");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
    }

    @Test
    void aHangingVpnCommandIsStoppedAndFailsOnlyItsRemote() throws Exception {
        Path a = bare("a");
        setUrl("internal", tmp.resolve("behind-vpn.git").toUri().toString());
        Files.writeString(root.resolve(".converge.yaml"), """
                remotes:
                  internal: { vpn: corporate }
                vpn:
                  corporate: { connect_cmd: "sleep 30", check_cmd: "false", timeout: 500ms }
                retry: { attempts: 1 }
                """);

        assertThat(run(root, "remotes", "push")).isEqualTo(1);

        assertThat(out).contains("internal/main").contains("vpn corporate").contains("did not finish within 500ms");
        assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
    }

    @Test
    void anAuthFailureIsThatRemotesFailureAloneAndNamesIt() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        Git.init().setBare(true).setDirectory(served.resolve("private.git").toFile()).setInitialBranch("main").call().close();
        Path a = bare("a");
        try (HttpGitServer server = new HttpGitServer(served, 0)) {
            setUrl("private", server.urlWithCredentials("private", "wrong-token-value"));

            assertThat(run(root, "remotes", "push")).isEqualTo(1);

            assertThat(out).containsPattern("private/main +failed +auth: ").doesNotContain("wrong-token-value");
            assertThat(lsRemote(a)).contains(head() + "\trefs/heads/main");
        }
    }

    @Test
    void configShowListsTheRemotesSettingsAndWhereEachCameFrom() throws Exception {
        bare("a");
        bare("b");
        Path user = Files.writeString(tmp.resolve("user.yaml"), "retry: { attempts: 2 }\nparallel: true\n");
        Files.writeString(root.resolve(".converge.yaml"), "remotes:\n  a: { priority: 1, branches: [main], force_push: warn }\n"
                + "offline_queue: false\n");
        env = new java.util.HashMap<>(env);
        env.put("CONVERGE_CONFIG", user.toString());
        env.put("CONVERGE_PARALLEL", "false");

        assertThat(run(root, "config", "show", "--json")).as(err).isZero();

        JsonNode doc = new ObjectMapper().readTree(out);
        Path repoFile = root.resolve(".converge.yaml");
        assertThat(doc.at("/parallel/value").asBoolean()).isFalse();
        assertThat(doc.at("/parallel/origin").asText()).isEqualTo("env CONVERGE_PARALLEL");
        assertThat(doc.at("/offline_queue/origin").asText()).isEqualTo(repoFile + ":3");
        assertThat(doc.at("/retry.attempts/value").asInt()).isEqualTo(2);
        assertThat(doc.at("/retry.attempts/origin").asText()).isEqualTo(user + ":1");
        assertThat(doc.at("/remotes.a.priority/value").asInt()).isEqualTo(1);
        assertThat(doc.at("/remotes.a.priority/origin").asText()).isEqualTo(repoFile + ":2");
        assertThat(doc.at("/remotes.a.branches/value").asText()).isEqualTo("main");
        assertThat(doc.at("/remotes.a.force_push/value").asText()).isEqualTo("warn");
        assertThat(doc.at("/remotes.a.vpn/origin").asText()).isEqualTo("default");
        assertThat(doc.at("/remotes.b.force_push/value").asText()).isEqualTo("block");
        assertThat(doc.at("/remotes.b.force_push/origin").asText()).startsWith("discovered in ");
        assertThat(doc.at("/remotes.config/value").asText()).isEqualTo(repoFile.toString());
    }
}
