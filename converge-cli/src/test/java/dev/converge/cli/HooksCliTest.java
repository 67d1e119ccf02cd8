package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hooks on {@code converge repos}: real shell scripts, real repositories, {@code git} as witness. */
class HooksCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private void config(String yaml) throws IOException {
        Files.writeString(cwd.resolve("converge.yaml"), yaml);
    }

    private void script(String name, String body) throws IOException {
        Path file = cwd.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true);
    }

    private CliRun sync(String... extra) {
        return runWith(Map.of(), extra);
    }

    private CliRun runWith(Map<String, String> env, String... extra) {
        List<String> args = new ArrayList<>(List.of("repos", "sync", "team/*", "--provider", "local", "--root", "srv", "--into", "ws"));
        args.addAll(List.of(extra));
        return CliRun.run(cwd, env, args.toArray(String[]::new));
    }

    @Test
    void aPreSyncHookThatExitsNonZeroVetoesTheRunAndNothingIsClonedOrPulled() throws Exception {
        assertThat(sync().exit).isZero();
        String before = git.git(cwd.resolve("ws/team/api"), "rev-parse", "HEAD");
        upstreams.get(0).push("NEWS.md", "news\n", "News");
        Files.createDirectories(cwd.resolve("srv/team"));
        upstreams.add(cwd.resolve("srv"), "team/new");
        script("pre.sh", "cat > plan.json\necho \"freeze until Monday\"\nexit 3\n");
        config("hooks:\n  pre_sync: ./pre.sh\n");

        CliRun r = sync("--hooks", "--json");

        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).as("no report: nothing ran").isEmpty();
        assertThat(r.err).contains("hook pre_sync: freeze until Monday")
                .contains("converge: pre_sync hook (./pre.sh) exited 3: run vetoed, nothing synced");
        assertThat(git.git(cwd.resolve("ws/team/api"), "rev-parse", "HEAD")).isEqualTo(before);
        assertThat(cwd.resolve("ws/team/new")).doesNotExist();
        JsonNode plan = JSON.readTree(cwd.resolve("plan.json").toFile());
        assertThat(plan.get("kind").asText()).isEqualTo("repos");
        assertThat(plan.get("items").findValuesAsText("id")).containsExactlyInAnyOrder("team/api", "team/new");
        assertThat(plan.get("items").findValuesAsText("action")).containsExactlyInAnyOrder("pull", "clone");
    }

    @Test
    void postSyncGetsTheReportItsOutputGoesToStderrAndJsonStdoutStaysOneDocument() throws Exception {
        script("post.sh", "cat > report.json\necho \"post $CONVERGE_KIND $CONVERGE_STATUS\"\n");
        config("hooks:\n  enabled: true\n  post_sync: ./post.sh\n");

        CliRun r = sync("--json");

        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode printed = JSON.readTree(r.out);
        JsonNode received = JSON.readTree(cwd.resolve("report.json").toFile());
        assertThat(received.get("run_id")).isEqualTo(printed.get("run_id"));
        assertThat(received.get("kind").asText()).isEqualTo("repos");
        assertThat(received.get("summary").get("cloned").asLong()).isEqualTo(2);
        assertThat(received.get("summary").get("succeeded").asLong()).isEqualTo(2);
        assertThat(received.get("summary").get("failed").asLong()).isZero();
        assertThat(r.err).contains("hook post_sync: post repos ok");
        assertThat(git.git(cwd.resolve("ws/team/web"), "rev-parse", "HEAD")).isEqualTo(upstreams.get(1).head());

        CliRun off = sync("--no-hooks");
        assertThat(off.err).doesNotContain("hook post_sync");
    }

    @Test
    void onErrorGetsEachFailureAsOneJsonLine() throws Exception {
        upstreams.add(cwd.resolve("srv"), "team/broken");
        // An upstream whose objects are gone: listed by the provider, but a clone of it must fail.
        try (Stream<Path> objects = Files.walk(cwd.resolve("srv/team/broken.git/objects"))) {
            objects.filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
        }
        script("err.sh", "cat >> errors.jsonl\n");
        script("post.sh", "cat > report.json\n");
        config("hooks:\n  on_error: ./err.sh\n  post_sync: ./post.sh\n");

        CliRun r = sync("--hooks");

        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        List<String> lines = Files.readAllLines(cwd.resolve("errors.jsonl"));
        assertThat(lines).hasSize(1);
        JsonNode failure = JSON.readTree(lines.get(0));
        assertThat(failure.get("id").asText()).isEqualTo("team/broken");
        assertThat(failure.get("action").asText()).isEqualTo("clone");
        assertThat(failure.get("reason").asText()).isNotBlank();
        assertThat(JSON.readTree(cwd.resolve("report.json").toFile()).get("summary").get("failed").asLong()).isEqualTo(1);
        assertThat(git.git(cwd.resolve("ws/team/api"), "rev-parse", "HEAD")).isEqualTo(upstreams.get(0).head());
    }

    @Test
    void aRunThatFailsAtDiscoveryTellsOnErrorWhichStageFailedWithoutTheToken() throws Exception {
        String token = "ghp_" + "D".repeat(36);
        WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        try {
            // GitHub's answer to a bad token (REST docs, "Authenticating": 401 with a message body).
            api.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
            script("err.sh", "cat > fault.json\nenv >> fault.json\n");
            config("""
                    providers:
                      work: { type: github, url: "%s", token: "${env:GITHUB_TOKEN}" }
                    hooks: { on_error: ./err.sh, post_sync: "touch post-ran" }
                    """.formatted(api.baseUrl()));

            CliRun r = CliRun.run(cwd, Map.of("GITHUB_TOKEN", token), "repos", "sync", "work:octo-org/*", "--into", "ws", "--hooks");

            assertThat(r.exit).as(r.toString()).isNotZero();
            String received = Files.readString(cwd.resolve("fault.json"));
            JsonNode fault = JSON.readTree(received.lines().findFirst().orElseThrow());
            assertThat(fault.get("action").asText()).isEqualTo("discover");
            assertThat(fault.get("reason").asText()).isNotBlank();
            assertThat(received).doesNotContain(token);
            assertThat(cwd.resolve("post-ran")).as("no run, no report").doesNotExist();
        } finally {
            api.stop();
        }
    }

    @Test
    void aHangingPreSyncHookIsKilledAtItsTimeoutAndVetoes() throws Exception {
        config("hooks:\n  pre_sync: sleep 600\n  timeout: 1s\n");

        CliRun r = sync("--hooks");

        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("pre_sync hook (sleep 600) timed out after 1s and was killed: run vetoed");
        assertThat(cwd.resolve("ws")).doesNotExist();
    }

    @Test
    void aFailingPostSyncHookIsAWarningAndTheSyncStands() throws Exception {
        config("hooks:\n  post_sync: exit 9\n");

        CliRun r = sync("--hooks");

        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).contains("warning: post_sync hook (exit 9) exited 9");
        assertThat(cwd.resolve("ws/team/api/.git")).isDirectory();
    }

    @Test
    void tokensInTheEnvironmentAreNotHandedToHooks() throws Exception {
        String token = "ghp_" + "T".repeat(36);
        config("hooks:\n  pre_sync: env > env.txt\n");

        CliRun r = runWith(Map.of("GITHUB_TOKEN", token, "CI_DEPLOY_PASSWORD", "hunter2-hunter2"), "--hooks");

        assertThat(r.exit).as(r.toString()).isZero();
        String env = Files.readString(cwd.resolve("env.txt"));
        assertThat(env).contains("CONVERGE_RUN_ID=").contains("CONVERGE_KIND=repos").contains("CONVERGE_HOOK=pre_sync");
        assertThat(env).doesNotContain(token).doesNotContain("hunter2-hunter2");
    }

    @Test
    void aMisspeltHookKeyIsAConfigErrorAndNothingRuns() throws Exception {
        config("hooks:\n  pre_sync: \"true\"\n  post_snyc: \"true\"\n");

        CliRun r = sync();

        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip()).endsWith("converge.yaml:3:3: hooks.post_snyc: unknown key; did you mean 'post_sync'?");
        assertThat(cwd.resolve("ws")).doesNotExist();
    }

    @Test
    void hooksGivenButNoneConfiguredIsAUsageError() {
        CliRun r = sync("--hooks");

        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("--hooks: the config declares no hook");
        assertThat(cwd.resolve("ws")).doesNotExist();
    }
}
