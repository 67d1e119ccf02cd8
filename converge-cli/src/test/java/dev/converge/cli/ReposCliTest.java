package dev.converge.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.converge.repos.testing.GitHttpServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import dev.converge.repos.testing.Upstreams;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code converge repos} end to end, in-process: real repositories under a local root or behind
 * a loopback smart-HTTP server listed by a WireMock GitHub, the {@code git} CLI as witness.
 */
class ReposCliTest {
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

    private CliRun run(String... args) {
        return CliRun.run(cwd, Map.of(), args);
    }

    private CliRun runWith(Map<String, String> env, String... args) {
        return CliRun.run(cwd, env, args);
    }

    @Test
    void syncClonesThenANoOpThenPullsOnlyWhatChanged() throws Exception {
        CliRun first = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws");
        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(first.out).contains("cloned 2");
        assertThat(git.git(cwd.resolve("ws/team/api"), "rev-parse", "HEAD")).isEqualTo(upstreams.get(0).head());
        assertThat(git.git(cwd.resolve("ws/team/api"), "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");

        CliRun noop = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws");
        assertThat(noop.out).contains("total 0").contains("unchanged 2");

        String pushed = upstreams.get(1).push("index.html", "<p>hi</p>\n", "Add page");
        CliRun json = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws", "--json");
        assertThat(json.exit).as(json.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out);
        assertThat(doc.get("kind").asText()).isEqualTo("repos");
        assertThat(doc.get("summary").get("pulled").asLong()).isEqualTo(1);
        assertThat(doc.get("items")).hasSize(1);
        assertThat(doc.get("items").get(0).toString()).contains("team/web").contains("fast-forwarded");
        assertThat(git.git(cwd.resolve("ws/team/web"), "log", "-1", "--format=%H %s")).isEqualTo(pushed + " Add page");
    }

    @Test
    void clonesAreMadeByTheGitBinaryUnlessJGitIsAskedFor() throws Exception {
        Path old = Files.createDirectories(cwd.resolve("bin")).resolve("old-git");
        Files.writeString(old, "#!/bin/sh\necho 'git version 2.30.2'\n");
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun auto = run("repos", "clone", "team/api", "--provider", "local", "--root", "srv", "--into", "auto");
        CliRun jgit = run("repos", "clone", "team/api", "--provider", "local", "--root", "srv", "--into", "jgit", "--git", "jgit");
        CliRun tooOld = run("repos", "clone", "team/api", "--provider", "local", "--root", "srv", "--into", "old", "--git", "bin/old-git");

        assertThat(auto.exit).as(auto.toString()).isZero();
        assertThat(jgit.exit).as(jgit.toString()).isZero();
        // The reflog says who cloned: git writes "clone: from PATH", JGit's linked clone a checkout.
        assertThat(git.git(cwd.resolve("auto/team/api"), "reflog", "-1", "--format=%gs")).startsWith("clone: from ");
        assertThat(git.git(cwd.resolve("jgit/team/api"), "reflog", "-1", "--format=%gs")).doesNotStartWith("clone: from ");
        for (String ws : new String[] {"auto", "jgit"}) {
            Path clone = cwd.resolve(ws + "/team/api");
            assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(upstreams.get(0).head());
            assertThat(git.git(clone, "status", "--porcelain=v1", "--branch")).isEqualTo("## main...origin/main");
            assertThat(git.git(clone, "config", "--get", "remote.origin.url")).isEqualTo(cwd.resolve("srv/team/api.git").toUri().toString());
        }
        assertUsage(tooOld, "--git: repos.git: ");
        assertThat(tooOld.err).contains("2.30.2").contains("2.31");
        assertThat(cwd.resolve("old")).doesNotExist();
    }

    @Test
    void aCloneMadeByTheGitCliIsUpdatedAndOneOfAnotherRemoteIsLeftAlone() throws Exception {
        Files.createDirectories(cwd.resolve("ws/team"));
        git.git(cwd.resolve("ws/team"), "clone", "-q", cwd.resolve("srv/team/api.git").toString(), "api");
        git.git(cwd.resolve("ws/team"), "clone", "-q", cwd.resolve("srv/team/api.git").toString(), "web");
        String pushed = upstreams.get(0).push("NEWS.md", "news\n", "News");

        CliRun r = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws", "--json");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(git.git(cwd.resolve("ws/team/api"), "rev-parse", "HEAD")).isEqualTo(pushed);
        JsonNode items = new ObjectMapper().readTree(r.out).get("items");
        assertThat(items.toString()).contains("tracks another remote");
        assertThat(git.git(cwd.resolve("ws/team/web"), "config", "--get", "remote.origin.url"))
                .isEqualTo(cwd.resolve("srv/team/api.git").toString());
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() {
        CliRun r = run("repos", "sync", "**", "--provider", "local", "--root", "srv", "--into", "ws", "--dry-run");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("+ clone team/api").contains("would clone 2, pull 0");
        assertThat(cwd.resolve("ws")).doesNotExist();
        assertThat(cwd.resolve(".state/converge/state.db")).doesNotExist();
    }

    @Test
    void listAndStatusShowTheFleet() throws Exception {
        assertThat(run("repos", "list", "--provider", "local", "--root", "srv").out).isEqualTo("team/api\nteam/web\n");
        run("repos", "clone", "team/api", "--provider", "local", "--root", "srv", "--into", "ws");
        Files.writeString(cwd.resolve("ws/team/api/scratch.txt"), "wip");

        CliRun status = run("repos", "status", "--provider", "local", "--root", "srv", "--into", "ws");

        assertThat(status.exit).as(status.toString()).isZero();
        assertThat(status.out).containsPattern("team/api\\s+main\\s+dirty\\s+0\\s+0\\s+0M 1\\?\\s+20\\d\\d-");
        assertThat(status.out).doesNotContain("team/web");

        upstreams.get(0).push("more.txt", "more\n", "More");
        CliRun pull = run("repos", "pull", "team/api", "--provider", "local", "--root", "srv", "--into", "ws");
        assertThat(pull.exit).as(pull.toString()).isZero();
        assertThat(pull.out).contains("= skipped team/api  (dirty working tree (0 changed, 1 untracked))");
    }

    @Test
    void aConflictUnderSkipExitsThreeAndLeavesTheCloneAsItWas() throws Exception {
        run("repos", "sync", "team/api", "--provider", "local", "--root", "srv", "--into", "ws");
        Path clone = cwd.resolve("ws/team/api");
        upstreams.get(0).push("README.md", "upstream\n", "Upstream edit");
        Files.writeString(clone.resolve("README.md"), "local\n");
        git.git(clone, "commit", "-qam", "Local edit");
        String local = git.git(clone, "rev-parse", "HEAD");

        CliRun r = run("repos", "pull", "team/api", "--provider", "local", "--root", "srv", "--into", "ws");

        assertThat(r.exit).as(r.toString()).isEqualTo(3);
        assertThat(git.git(clone, "rev-parse", "HEAD")).isEqualTo(local);
        assertThat(git.git(clone, "status", "--porcelain=v1")).isEmpty();

        CliRun theirs = run("repos", "pull", "team/api", "--provider", "local", "--root", "srv", "--into", "ws",
                "--conflict-strategy", "theirs");
        assertThat(theirs.exit).as(theirs.toString()).isZero();
        assertThat(clone.resolve("README.md")).hasContent("upstream");
        assertThat(git.git(clone, "merge-base", "--is-ancestor", local, "HEAD")).isEmpty();
    }

    @Test
    void badInputGetsOneClearLineAndExitTwo() throws Exception {
        Files.writeString(cwd.resolve("afile"), "x");
        assertUsage(run("repos", "sync", "team/{api", "--provider", "local", "--root", "srv"), "unbalanced '{'");
        assertUsage(run("repos", "sync", "team/*", "--provider", "nope"), "unknown provider 'nope'");
        assertUsage(run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "afile"), "is a file");
        assertUsage(run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--conflict-strategy", "mine"),
                "unknown conflict strategy 'mine'");
        assertThat(cwd.resolve(".state/converge/state.db")).doesNotExist();
    }

    @Test
    void aMistakeInTheReposOrProvidersSectionNamesItsPlaceAndWritesNothing() throws Exception {
        Path config = cwd.resolve("converge.yaml");
        String[] sync = {"repos", "sync", "team/*", "--provider", "here", "--into", "ws"};

        Files.writeString(config, "repos:\n  concurency: 4\nproviders:\n  here: { type: local, root: srv }\n");
        assertUsage(run(sync), "converge.yaml:2:3");
        assertThat(run(sync).err).contains("repos.concurency").contains("did you mean 'concurrency'?");

        Files.writeString(config, "providers:\n  here: { type: local, root: srv }\n  work:\n    type: github\n    tokn: x\n");
        assertUsage(run(sync), "converge.yaml:5:5");
        assertThat(run(sync).err).as("a provider not even used is checked").contains("did you mean 'token'?");

        Files.writeString(config, "providers:\n  here: { type: local, root: srv }\n  work: { type: gitub }\n");
        assertUsage(run("repos", "list", "--provider", "here"), "unknown provider type 'gitub'");

        Files.writeString(config, "repos:\n  conflict_strategy: mine\nproviders:\n  here: { type: local, root: srv }\n");
        assertUsage(run(sync), "converge.yaml:2:");
        assertThat(run(sync).err).contains("unknown conflict strategy 'mine'");

        Files.writeString(config, "repos:\n  git: bin/no-such-git\nproviders:\n  here: { type: local, root: srv }\n");
        assertUsage(run(sync), "converge.yaml:2:");
        assertThat(run(sync).err).contains("repos.git").contains("no-such-git");

        Files.writeString(config, "providers:\n  work: { type: github, url: \"https://exa mple.com\" }\n");
        assertUsage(run("repos", "list", "work:o/*"), "converge.yaml:2:");

        assertThat(cwd.resolve("ws")).doesNotExist();
        assertThat(cwd.resolve(".state/converge/state.db")).doesNotExist();
    }

    @Test
    void configShowListsTheReposSettingsWithTheirOrigins() throws Exception {
        Files.writeString(cwd.resolve("converge.yaml"), "repos:\n  into: ws\n  concurrency: 4\n");

        CliRun r = runWith(Map.of("CONVERGE_REPOS_CONFLICT_STRATEGY", "theirs"), "config", "show");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).containsPattern("repos\\.into\\s+ws\\s+\\S*converge\\.yaml:2")
                .containsPattern("repos\\.concurrency\\s+4\\s+\\S*converge\\.yaml:3")
                .containsPattern("repos\\.host_concurrency\\s+4\\s+default")
                .containsPattern("repos\\.git\\s+auto\\s+default")
                .containsPattern("repos\\.conflict_strategy\\s+theirs\\s+env CONVERGE_REPOS_CONFLICT_STRATEGY");
    }

    @Test
    void aTargetThatIsNotACloneAndARepositoryGoneFromTheProviderAreReportedWhileTheRestGoesOn() throws Exception {
        Path notAClone = Files.createDirectories(cwd.resolve("ws/team/api"));
        Files.writeString(notAClone.resolve("notes.txt"), "mine\n");

        CliRun first = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws");

        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(first.out).contains("= skipped team/api").contains("exists but is not a Git repository");
        assertThat(notAClone.resolve("notes.txt")).hasContent("mine");
        assertThat(notAClone.resolve(".git")).doesNotExist();
        assertThat(git.git(cwd.resolve("ws/team/web"), "rev-parse", "HEAD")).isEqualTo(upstreams.get(1).head());

        org.eclipse.jgit.util.FileUtils.delete(cwd.resolve("srv/team/web.git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        CliRun second = run("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws");

        assertThat(second.exit).as(second.toString()).isZero();
        assertThat(second.out).contains("= skipped team/web").contains("no longer listed by the provider; local clone left in place");
        assertThat(git.git(cwd.resolve("ws/team/web"), "status", "--porcelain=v1")).isEmpty();
        assertThat(cwd.resolve("ws/team/web/README.md")).exists();
    }

    @Test
    void aBadTokenOrAMissingOrganisationIsOneLineWithoutTheTokenAndNothingWritten() throws Exception {
        String token = "ghp_revokedToken0123456789abcdef";
        WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        try {
            api.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                    .aResponse().withStatus(401).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
            api.stubFor(get(urlPathEqualTo("/orgs/ghost/repos")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                    .aResponse().withStatus(404).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#list-organization-repositories\",\"status\":\"404\"}")));
            api.stubFor(get(urlPathEqualTo("/users/ghost/repos")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                    .aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
            api.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"octocat\"}")));
            Files.writeString(cwd.resolve("converge.yaml"), """
                    providers:
                      work: { type: github, url: "%s", token: "${env:GITHUB_TOKEN}" }
                    """.formatted(api.baseUrl()));
            Map<String, String> env = Map.of("GITHUB_TOKEN", token);

            CliRun bad = runWith(env, "repos", "sync", "octo-org/*", "--into", "ws");
            CliRun ghost = runWith(env, "repos", "sync", "ghost/*", "--into", "ws");

            assertThat(bad.exit).as(bad.toString()).isEqualTo(1);
            assertThat(bad.err.strip().lines()).as(bad.toString()).hasSize(1).first().asString()
                    .contains("401 Unauthorized").contains("Bad credentials");
            assertThat(ghost.exit).as(ghost.toString()).isEqualTo(1);
            assertThat(ghost.err.strip().lines()).as(ghost.toString()).hasSize(1).first().asString()
                    .contains("no organisation or user 'ghost' (404 Not Found)");
            assertThat(bad.out + bad.err + ghost.out + ghost.err).doesNotContain(token);
            assertThat(cwd.resolve("ws")).doesNotExist();
        } finally {
            api.stop();
        }
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains(message);
        assertThat(r.out).isEmpty();
    }

    @Test
    void aGitHubProviderFromConfigClonesOverHttpsWithTheTokenKeptOutOfEverything() throws Exception {
        String token = "ghp_e2eSecretToken0123456789";
        Path srv = cwd.resolve("gh");
        Upstream.create(srv.resolve("octo-org/api.git")).close();
        Upstream.create(srv.resolve("octo-org/web.git")).close();
        WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        try (GitHttpServer gitServer = GitHttpServer.start(srv, token)) {
            String listing = fixture("/github/org-repos-page1.json")
                    .replace("https://github.com/", gitServer.uri("").toString());
            api.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos"))
                    .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(listing)));
            Files.writeString(cwd.resolve("converge.yaml"), """
                    providers:
                      work: { type: github, url: "%s", token: "${env:GITHUB_TOKEN}" }
                    """.formatted(api.baseUrl()));
            Map<String, String> env = Map.of("GITHUB_TOKEN", token);

            CliRun r = runWith(env, "repos", "sync", "work:octo-org/*", "--into", "ws", "--exclude-forks");

            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out + r.err).doesNotContain(token);
            assertThat(cwd.resolve("ws/octo-org/api/README.md")).exists();
            assertThat(cwd.resolve("ws/octo-org/web")).as("a fork, excluded").doesNotExist();
            assertThat(cwd.resolve("ws/octo-org/legacy")).as("archived").doesNotExist();
            assertThat(Files.readString(cwd.resolve("ws/octo-org/api/.git/config"))).doesNotContain(token);

            CliRun again = runWith(env, "repos", "sync", "octo-org/*", "--into", "ws", "--exclude-forks");
            assertThat(again.out).as(again.toString()).contains("unchanged 1");
        } finally {
            api.stop();
        }
    }

    @Test
    void withoutATokenInConfigOrEnvironmentTheGitCredentialHelperIsAskedAndItsAnswerKeptSecret() throws Exception {
        String token = "ghp_fromTheCredentialHelper0123456789";
        Path srv = cwd.resolve("gh");
        Upstream.create(srv.resolve("octo-org/api.git")).close();
        Path home = Files.createDirectories(cwd.resolve("home"));
        Path asked = cwd.resolve("helper-requests.txt");
        Path helper = home.resolve("helper.sh");
        // A real credential helper: Git runs it with "get" and the request on stdin; it answers for any host.
        Files.writeString(helper, """
                #!/bin/sh
                [ "$1" = get ] || exit 0
                cat >> "%s"
                echo "username=x-access-token"
                echo "password=%s"
                """.formatted(asked, token));
        Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("gitconfig"), "[credential]\n\thelper = " + helper + "\n");
        WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        try (GitHttpServer gitServer = GitHttpServer.start(srv, token)) {
            String listing = fixture("/github/org-repos-page1.json").replace("https://github.com/", gitServer.uri("").toString());
            api.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos"))
                    .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(listing)));
            Files.writeString(cwd.resolve("converge.yaml"), """
                    providers:
                      work: { type: github, url: "%s" }
                    """.formatted(api.baseUrl()));
            Map<String, String> env = Map.of("HOME", home.toString(), "GIT_CONFIG_GLOBAL", home.resolve("gitconfig").toString(),
                    "GIT_CONFIG_NOSYSTEM", "1", "PATH", System.getenv("PATH"));

            CliRun r = runWith(env, "repos", "sync", "octo-org/api", "--into", "ws");

            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(cwd.resolve("ws/octo-org/api/README.md")).exists();
            assertThat(r.out + r.err).doesNotContain(token);
            assertThat(Files.readString(cwd.resolve("ws/octo-org/api/.git/config"))).doesNotContain(token);
            assertThat(git.git(cwd.resolve("ws/octo-org/api"), "config", "--get", "remote.origin.url"))
                    .isEqualTo(gitServer.uri("octo-org/api.git").toString());
            assertThat(Files.readString(asked)).isEqualTo("protocol=http\nhost=localhost:" + api.port() + "\n");
            assertThat(gitServer.unauthorizedRequests()).as("the clone sent the helper's token").isLessThanOrEqualTo(1);

            Map<String, String> withEnvironment = new java.util.HashMap<>(env);
            withEnvironment.put("GITHUB_TOKEN", token);
            CliRun again = runWith(withEnvironment, "repos", "sync", "octo-org/api", "--into", "ws", "--no-incremental");
            assertThat(again.exit).as(again.toString()).isZero();
            assertThat(Files.readString(asked)).as("the environment's token comes first; the helper is not asked")
                    .isEqualTo("protocol=http\nhost=localhost:" + api.port() + "\n");
        } finally {
            api.stop();
        }
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = ReposCliTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
