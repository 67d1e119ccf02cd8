package dev.converge.cli.remotes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.Main;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                env, cwd, args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
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
}
