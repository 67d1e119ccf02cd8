package dev.converge.repos.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.converge.core.RemoteException;
import dev.converge.repos.pattern.RepoPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bitbucket Cloud against WireMock, pages shaped after its documented 2.0 paginated responses. */
class BitbucketProviderTest {
    private static final String TOKEN = "ATBBsecretAppPassword42";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private BitbucketProvider provider() {
        return BitbucketProvider.named("bb").url(URI.create(server.baseUrl() + "/2.0")).username("me").token(TOKEN).build();
    }

    @Test
    void followsTheNextLinkAndDropsTheUserNameFromCloneUrls() throws Exception {
        String next = server.baseUrl() + "/2.0/repositories/teamsinspace?pagelen=100&page=2";
        String basic = "Basic " + Base64.getEncoder().encodeToString(("me:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.stubFor(get(urlPathEqualTo("/2.0/repositories/teamsinspace")).withQueryParam("page", absent())
                .withHeader("Authorization", equalTo(basic))
                .willReturn(okJson(fixture("workspace-page1.json").replace("NEXT", next))));
        server.stubFor(get(urlPathEqualTo("/2.0/repositories/teamsinspace")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(fixture("workspace-page2.json"))));

        List<HostedRepo> repos = provider().discover(RepoPattern.parse("teamsinspace/*")).toList();

        assertThat(repos).extracting(HostedRepo::fullPath)
                .containsExactly("teamsinspace/api", "teamsinspace/web", "teamsinspace/docs");
        assertThat(repos.get(0).cloneUrl()).hasToString("https://bitbucket.org/teamsinspace/api.git");
        assertThat(repos.get(0).remoteVersion().value()).isEqualTo("updated:2026-11-18T09:41:07.123456Z");
        assertThat(repos.get(1).fork()).isTrue();
        assertThat(repos.get(2).defaultBranch()).isEqualTo("master");
    }

    @Test
    void aMissingWorkspaceIsOneClearLine() {
        server.stubFor(get(urlPathEqualTo("/2.0/repositories/ghost")).willReturn(aResponse().withStatus(404)
                .withBody("{\"type\":\"error\",\"error\":{\"message\":\"No workspace with identifier 'ghost'.\"}}")));

        assertThatThrownBy(() -> provider().discover(RepoPattern.parse("ghost/*")))
                .isInstanceOf(RemoteException.class).hasMessage("bitbucket provider 'bb': no workspace 'ghost' (404 Not Found)");
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = BitbucketProviderTest.class.getResourceAsStream("/bitbucket/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
