package dev.converge.repos.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.converge.core.RemoteException;
import dev.converge.repos.pattern.RepoPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GitLab provider against WireMock, with project objects and errors shaped after GitLab's
 * documented REST examples ({@code GET /groups/:id/projects}, {@code {"message": "404 Group Not Found"}}).
 */
class GitLabProviderTest {
    private static final String TOKEN = "glpat-SecretTokenValue123";

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

    private GitLabProvider provider() {
        return GitLabProvider.named("lab").url(URI.create(server.baseUrl() + "/")).token(TOKEN).pause(waits::add).build();
    }

    @Test
    void listsAGroupWithSubgroupsAcrossLinkPages() throws Exception {
        String next = server.baseUrl() + "/api/v4/groups/platform/projects?include_subgroups=true&page=2&per_page=100";
        server.stubFor(get(urlPathEqualTo("/api/v4/groups/platform/projects"))
                .withQueryParam("include_subgroups", equalTo("true")).withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson(fixture("group-projects-page1.json"))
                        .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")
                        .withHeader("X-Next-Page", "2").withHeader("X-Page", "1")));
        server.stubFor(get(urlPathEqualTo("/api/v4/groups/platform/projects")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(fixture("group-projects-page2.json"))));

        List<HostedRepo> repos = provider().discover(RepoPattern.parse("platform/**")).toList();

        assertThat(repos).extracting(HostedRepo::fullPath)
                .containsExactly("platform/api", "platform/tools/lint", "platform/tools/old", "platform/fresh");
        assertThat(repos.get(0).cloneUrl()).hasToString("https://gitlab.example.com/platform/api.git");
        assertThat(repos.get(0).remoteVersion().value()).isEqualTo("activity:2026-11-19T16:12:44.981Z");
        assertThat(repos.get(1).fork()).isTrue();
        assertThat(repos.get(2).archived()).isTrue();
        assertThat(repos.get(3).defaultBranch()).as("an empty project has no branch to check out").isNull();
        assertThat(provider().credentials()).isPresent();
    }

    @Test
    void aSubgroupPrefixListsThatSubgroupOnly() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/v4/groups/platform%2Ftools/projects"))
                .willReturn(okJson(fixture("group-projects-page2.json"))));

        assertThat(provider().discover(RepoPattern.parse("platform/tools/*")).map(HostedRepo::fullPath))
                .containsExactly("platform/tools/old");
    }

    @Test
    void aMissingGroupIsOneClearLine() {
        String notFound = "{\"message\":\"404 Group Not Found\"}";
        server.stubFor(get(urlPathEqualTo("/api/v4/groups/ghost/projects")).willReturn(aResponse().withStatus(404).withBody(notFound)));
        server.stubFor(get(urlPathEqualTo("/api/v4/users/ghost/projects")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"404 User Not Found\"}")));

        assertThatThrownBy(() -> provider().discover(RepoPattern.parse("ghost/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessage("gitlab provider 'lab': no group or user 'ghost' (404 Not Found)");
    }

    @Test
    void aBadTokenIsReportedWithoutShowingIt() {
        server.stubFor(get(urlPathEqualTo("/api/v4/groups/platform/projects"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}")));

        assertThatThrownBy(() -> provider().discover(RepoPattern.parse("platform/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("401 Unauthorized (bad or missing credentials): 401 Unauthorized")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void throttlingIsWaitedOutAsRetryAfterSays() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/v4/projects")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withHeader("RateLimit-Limit", "600").withHeader("RateLimit-Remaining", "0")
                        .withBody("Retry later")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/api/v4/projects")).withQueryParam("pagination", equalTo("keyset"))
                .inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(fixture("group-projects-page1.json"))));

        assertThat(provider().discover(RepoPattern.parse("*/api")).map(HostedRepo::fullPath)).containsExactly("platform/api");
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = GitLabProviderTest.class.getResourceAsStream("/gitlab/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
