package dev.converge.repos.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.converge.core.RemoteException;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Plan;
import dev.converge.core.pipeline.Apply;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.repos.RepoItem;
import dev.converge.repos.RepoPlanner;
import dev.converge.repos.RepoRunner;
import dev.converge.repos.git.CloneRepo;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.provider.GitHubProvider;
import dev.converge.repos.testing.CloneEngine;
import dev.converge.repos.testing.GitHttpServer;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstreams;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clones and fetches against a real smart-HTTP server that pushes back with 429, listed by a
 * WireMock GitHub: the host's permits shrink, the operations wait and retry, and every repository
 * arrives, with the engine's own retry turned off so only the throttle can have saved them.
 */
class HostThrottleTest {
    private static final String TOKEN = "ghp_throttleTestToken0123456789";
    private static final int FLEET = 6;

    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path tmp;

    @RegisterExtension
    final Upstreams upstreams = new Upstreams();

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private GitHttpServer gitServer;
    private WireMockServer api;

    @BeforeEach
    void serve() throws Exception {
        for (int i = 1; i <= FLEET; i++) {
            upstreams.add(tmp.resolve("srv"), "octo-org/r" + i);
        }
        gitServer = upstreams.serve(tmp.resolve("srv"), TOKEN);
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        api.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(okJson(listing())));
    }

    @AfterEach
    void stop() throws Exception {
        api.stop();
    }

    /** The organisation's listing: GitHub's recorded repository object, once per repository served. */
    private String listing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode template;
        try (InputStream in = HostThrottleTest.class.getResourceAsStream("/github/org-repos-page2.json")) {
            template = (ObjectNode) json.readTree(in).get(0);
        }
        ArrayNode repos = json.createArrayNode();
        for (int i = 1; i <= FLEET; i++) {
            ObjectNode repo = template.deepCopy();
            repo.put("name", "r" + i).put("full_name", "octo-org/r" + i).put("default_branch", "main")
                    .put("clone_url", gitServer.uri("octo-org/r" + i + ".git").toString());
            repos.add(repo);
        }
        return json.writeValueAsString(repos);
    }

    private List<Outcome> sync(HostThrottle throttle, Map<String, dev.converge.core.model.Base> bases, CloneEngine engine) throws Exception {
        GitHubProvider provider = GitHubProvider.named("work").url(URI.create(api.baseUrl())).token(TOKEN)
                .hostLimits(throttle.limits()).pause(waits::add).build();
        RepoPattern pattern = RepoPattern.parse("octo-org/*");
        Plan<RepoItem> plan = RepoPlanner.into(tmp.resolve("ws")).bases(bases).incremental(false).pattern(pattern)
                .plan(provider.discover(pattern));
        return new Apply<>(new RepoRunner(provider.credentials().orElseThrow(), ConflictStrategy.SKIP, null, throttle)
                .gitBinary(engine.binary(git))).setConcurrency(4).setRetryPolicy(RetryPolicy.NONE).call(plan.actions()).outcomes();
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void clonesAndFetchesPushedBackWith429AllArriveAndTheHostGetsFewerPermits(CloneEngine engine) throws Exception {
        HostThrottle throttle = new HostThrottle(new HostLimits(4), waits::add, Duration.ofMinutes(5));
        gitServer.tooManyRequests(3);

        List<Outcome> cloned = sync(throttle, Map.of(), engine);

        assertThat(cloned).as("%s", cloned).allMatch(Outcome::isSuccessful).hasSize(FLEET);
        assertThat(gitServer.tooManyRequestsAnswered()).isEqualTo(3);
        for (int i = 1; i <= FLEET; i++) {
            assertThat(git.git(tmp.resolve("ws/octo-org/r" + i), "rev-parse", "HEAD")).isEqualTo(upstreams.get(i - 1).head());
        }
        HostLimit host = throttle.limits().of(gitServer.uri(""));
        assertThat(host.pushBacks()).isEqualTo(3);
        assertThat(host.lowest()).as("halved by the push-back").isLessThan(4);
        assertThat(waits).hasSize(3).allMatch(w -> !w.isNegative() && w.compareTo(Duration.ofSeconds(4)) <= 0);

        String pushed = upstreams.get(0).push("NEWS.md", "news\n", "News");
        gitServer.tooManyRequests(2);
        List<Outcome> pulled = sync(throttle, Map.of(), engine);

        assertThat(pulled).as("%s", pulled).allMatch(Outcome::isSuccessful).hasSize(FLEET);
        assertThat(gitServer.tooManyRequestsAnswered()).isEqualTo(5);
        assertThat(git.git(tmp.resolve("ws/octo-org/r1"), "rev-parse", "HEAD")).isEqualTo(pushed);
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aHostThatNeverStopsPushingBackIsReportedOnceThePatienceIsSpent(CloneEngine engine) throws Exception {
        HostThrottle throttle = new HostThrottle(new HostLimits(2), waits::add, Duration.ofSeconds(10));
        gitServer.tooManyRequests(1000);

        assertThatThrownBy(() -> CloneRepo.from(gitServer.uri("octo-org/r1.git")).into(tmp.resolve("ws/r1"))
                .credentials(new UsernamePasswordCredentialsProvider("x-access-token", TOKEN)).throttle(throttle)
                .gitBinary(engine.binary(git)).call())
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("kept pushing back, gave up after waiting")
                .satisfies(e -> assertThat(((RemoteException) e).isTransient()).isFalse());
        assertThat(waits).isNotEmpty();
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(tmp.resolve("ws/r1")).doesNotExist();
        assertThat(throttle.limits().of(gitServer.uri("")).limit()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CloneEngine.class)
    void aRefusedSshConnectionIsPushBackToo(CloneEngine engine) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HostThrottle throttle = new HostThrottle(new HostLimits(2), waits::add, Duration.ofSeconds(3));

        assertThatThrownBy(() -> CloneRepo.from(URI.create("ssh://git@127.0.0.1:" + closedPort + "/octo-org/r1.git"))
                .into(tmp.resolve("ws/r1")).throttle(throttle).gitBinary(engine.binary(git)).call())
                .isInstanceOf(RemoteException.class).hasMessageContaining("kept pushing back");
        assertThat(waits).as("waited and tried again before giving up").isNotEmpty();
    }
}
