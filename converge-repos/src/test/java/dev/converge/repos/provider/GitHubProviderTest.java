package dev.converge.repos.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.converge.core.RemoteException;
import dev.converge.core.UsageException;
import dev.converge.repos.host.HostLimit;
import dev.converge.repos.host.HostLimits;
import dev.converge.repos.pattern.RepoPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GitHub provider against WireMock, with bodies shaped after GitHub's recorded responses
 * (octokit fixtures: repository objects, {@code Link} pagination, rate-limit headers and
 * {@code {"message": …, "documentation_url": …}} error bodies).
 */
class GitHubProviderTest {
    private static final String TOKEN = "ghp_secretTOKENvalue0123456789";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BAD_CREDENTIALS =
            "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}";
    private static final String NOT_FOUND =
            "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#list-organization-repositories\",\"status\":\"404\"}";

    private WireMockServer server;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** GET /user as GitHub answers it for a token (trimmed to fields of the documented shape). */
    private void tokenBelongsTo(String login) {
        server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"" + login + "\",\"id\":583231,"
                + "\"node_id\":\"MDQ6VXNlcjU4MzIzMQ==\",\"type\":\"User\",\"site_admin\":false,\"name\":\"The Octocat\","
                + "\"public_repos\":8,\"total_private_repos\":2,\"owned_private_repos\":2}")));
    }

    private GitHubProvider.Builder provider() {
        return GitHubProvider.named("work").url(URI.create(server.baseUrl())).token(TOKEN)
                .pause(waits::add).clock(Clock.fixed(NOW, ZoneOffset.UTC)).maxWait(Duration.ofMinutes(2));
    }

    @Test
    void followsLinkHeadersAcrossPagesAndMapsTheFlags() throws Exception {
        String page2 = server.baseUrl() + "/organizations/1000/repos?type=all&per_page=100&page=2";
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .willReturn(okJson(fixture("org-repos-page1.json"))
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")
                        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999")));
        server.stubFor(get(urlPathEqualTo("/organizations/1000/repos"))
                .willReturn(okJson(fixture("org-repos-page2.json"))
                        .withHeader("Link", "<" + server.baseUrl() + "/organizations/1000/repos?page=1>; rel=\"prev\", <"
                                + server.baseUrl() + "/organizations/1000/repos?page=1>; rel=\"first\"")));

        List<HostedRepo> repos = provider().build().discover(RepoPattern.parse("Octo-Org/*")).toList();

        assertThat(repos).extracting(HostedRepo::fullPath)
                .containsExactly("octo-org/api", "octo-org/web", "octo-org/legacy", "octo-org/cli", "octo-org/empty");
        HostedRepo api = repos.get(0);
        assertThat(api.cloneUrl()).hasToString("https://github.com/octo-org/api.git");
        assertThat(api.defaultBranch()).isEqualTo("main");
        assertThat(api.pushedAt()).isEqualTo(Instant.parse("2026-11-20T08:15:42Z"));
        assertThat(api.remoteVersion().value()).isEqualTo("pushed:2026-11-20T08:15:42Z");
        assertThat(repos.get(1).fork()).isTrue();
        assertThat(repos.get(2).archived()).isTrue();
        assertThat(repos.get(4).pushedAt()).isNull();
        server.verify(1, getRequestedFor(urlPathEqualTo("/organizations/1000/repos")));
    }

    @Test
    void laterPagesAreFetchedOnlyWhenTheStreamNeedsThem() throws Exception {
        String page2 = server.baseUrl() + "/organizations/1000/repos?page=2";
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos"))
                .willReturn(okJson(fixture("org-repos-page1.json")).withHeader("Link", "<" + page2 + ">; rel=\"next\"")));

        assertThat(provider().build().discover(RepoPattern.parse("octo-org/api")).findFirst()).isPresent();
        server.verify(0, getRequestedFor(urlPathEqualTo("/organizations/1000/repos")));
    }

    @Test
    void anOwnerThatIsNoOrganisationIsListedAsAUser() throws Exception {
        tokenBelongsTo("someone-else");
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));
        server.stubFor(get(urlPathEqualTo("/users/octo-org/repos")).willReturn(okJson(fixture("org-repos-page2.json"))));

        assertThat(provider().build().discover(RepoPattern.parse("octo-org/**")).map(HostedRepo::fullPath))
                .containsExactly("octo-org/cli", "octo-org/empty");
        server.verify(getRequestedFor(urlPathEqualTo("/users/octo-org/repos")));
    }

    @Test
    void theTokensOwnAccountIsListedWithItsPrivateRepositories() throws Exception {
        tokenBelongsTo("Octo-Org");
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));
        server.stubFor(get(urlPathEqualTo("/user/repos")).withQueryParam("affiliation", equalTo("owner"))
                .willReturn(okJson(fixture("org-repos-page2.json"))));

        assertThat(provider().build().discover(RepoPattern.parse("octo-org/*")).count()).isEqualTo(2);
        server.verify(0, getRequestedFor(urlPathEqualTo("/users/octo-org/repos")));
    }

    @Test
    void anOwnerThatDoesNotExistIsOneClearLine() {
        tokenBelongsTo("octocat");
        server.stubFor(get(urlPathEqualTo("/orgs/nobody/repos")).willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));
        server.stubFor(get(urlPathEqualTo("/users/nobody/repos")).willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));

        assertThatThrownBy(() -> provider().build().discover(RepoPattern.parse("nobody/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessage("github provider 'work': no organisation or user 'nobody' (404 Not Found)");
    }

    @Test
    void aBadTokenSaysSoWithoutShowingIt() {
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(BAD_CREDENTIALS)));

        assertThatThrownBy(() -> provider().build().discover(RepoPattern.parse("octo-org/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessage("github provider 'work': GET /orgs/octo-org/repos: 401 Unauthorized (bad or missing credentials): Bad credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void anExhaustedRateLimitIsWaitedOutUntilItsReset() throws Exception {
        long reset = NOW.plusSeconds(45).getEpochSecond();
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403)
                        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", String.valueOf(reset)).withHeader("X-RateLimit-Resource", "core")
                        .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}"))
                .willSetStateTo("reset"));
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson(fixture("org-repos-page2.json"))));

        assertThat(provider().build().discover(RepoPattern.parse("octo-org/*")).count()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(46));
    }

    @Test
    void aRateLimitThatResetsTooLateIsReportedWithItsResetTime() {
        long reset = NOW.plus(Duration.ofMinutes(40)).getEpochSecond();
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", String.valueOf(reset))
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}")));

        assertThatThrownBy(() -> provider().build().discover(RepoPattern.parse("octo-org/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("403 Forbidden (credentials lack permission): API rate limit exceeded for user ID 1.")
                .hasMessageContaining("until 2026-11-23T10:40:01Z")
                .hasMessageContaining("longer than the 120s converge waits");
        assertThat(waits).isEmpty();
    }

    @Test
    void aSecondaryRateLimitHonoursRetryAfter() throws Exception {
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("secondary").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"))
                .willSetStateTo("later"));
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("secondary").whenScenarioStateIs("later")
                .willReturn(okJson(fixture("org-repos-page1.json"))));

        assertThat(provider().build().discover(RepoPattern.parse("octo-org/{api,cli}")).map(HostedRepo::fullPath))
                .containsExactly("octo-org/api");
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aTooManyRequestsAnswerHalvesTheHostsPermitsAndTheListingStillCompletes() throws Exception {
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}"))
                .willSetStateTo("served"));
        server.stubFor(get(urlPathEqualTo("/orgs/octo-org/repos")).inScenario("throttled").whenScenarioStateIs("served")
                .willReturn(okJson(fixture("org-repos-page2.json"))));
        HostLimits limits = new HostLimits(4);

        List<String> listed = provider().hostLimits(limits).build().discover(RepoPattern.parse("octo-org/*"))
                .map(HostedRepo::fullPath).toList();

        assertThat(listed).hasSize(2);
        assertThat(waits).as("Retry-After honoured, nothing more").containsExactly(Duration.ofSeconds(3));
        server.verify(2, getRequestedFor(urlPathEqualTo("/orgs/octo-org/repos")));
        HostLimit host = limits.of(URI.create(server.baseUrl()));
        assertThat(host.pushBacks()).isEqualTo(1);
        assertThat(host.limit()).as("halved by the push-back; one success does not yet earn a permit back").isEqualTo(2);
    }

    @Test
    void anEnterpriseServerIsReachedThroughItsOwnApiUrl() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/v3/orgs/octo-org/repos")).willReturn(okJson(fixture("org-repos-page2.json"))));

        GitHubProvider ghe = provider().url(URI.create(server.baseUrl() + "/api/v3/")).build();

        assertThat(ghe.discover(RepoPattern.parse("octo-org/*")).count()).isEqualTo(2);
    }

    @Test
    void aWildcardOwnerListsTheTokensOwnRepositoriesOrNeedsAToken() throws Exception {
        server.stubFor(get(urlPathEqualTo("/user/repos")).willReturn(okJson(fixture("org-repos-page2.json"))));

        assertThat(provider().build().discover(RepoPattern.parse("*/cli")).map(HostedRepo::fullPath)).containsExactly("octo-org/cli");
        assertThatThrownBy(() -> provider().token(null).build().discover(RepoPattern.parse("*/cli")))
                .isInstanceOf(UsageException.class).hasMessageContaining("names no owner");
    }

    @Test
    void gitCredentialsComeFromTheTokenOnly() {
        assertThat(provider().build().credentials()).isPresent();
        assertThat(provider().token(null).build().credentials()).isEmpty();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GitHubProviderTest.class.getResourceAsStream("/github/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
