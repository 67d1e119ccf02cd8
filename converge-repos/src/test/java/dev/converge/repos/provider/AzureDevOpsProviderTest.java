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

/** Azure DevOps against WireMock, shaped after the documented {@code Repositories - List} response. */
class AzureDevOpsProviderTest {
    private static final String PAT = "azdopatSecretValue0987";

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

    private AzureDevOpsProvider provider() {
        return AzureDevOpsProvider.named("ado").url(URI.create(server.baseUrl())).token(PAT).build();
    }

    @Test
    void listsAnOrganisationFollowingTheContinuationToken() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
        server.stubFor(get(urlPathEqualTo("/fabrikam/_apis/git/repositories")).withQueryParam("continuationToken", absent())
                .withHeader("Authorization", equalTo(basic))
                .willReturn(okJson(fixture("repositories-page1.json")).withHeader("x-ms-continuationtoken", "c2tpcD0y")));
        server.stubFor(get(urlPathEqualTo("/fabrikam/_apis/git/repositories")).withQueryParam("continuationToken", equalTo("c2tpcD0y"))
                .willReturn(okJson(fixture("repositories-page2.json"))));

        List<HostedRepo> repos = provider().discover(RepoPattern.parse("fabrikam/**")).toList();

        assertThat(repos).extracting(HostedRepo::fullPath).containsExactly("fabrikam/Fiber/api", "fabrikam/Fiber/legacy", "fabrikam/Tools/lint");
        assertThat(repos.get(0).cloneUrl()).hasToString("https://dev.azure.com/fabrikam/Fiber/_git/api");
        assertThat(repos.get(0).defaultBranch()).isEqualTo("main");
        assertThat(repos.get(0).remoteVersion()).as("the listing tells no version; clones are fetched").isNull();
        assertThat(repos.get(1).disabled()).isTrue();
        assertThat(repos.get(2).fork()).isTrue();
    }

    @Test
    void aMissingOrganisationIsOneClearLine() {
        server.stubFor(get(urlPathEqualTo("/ghost/_apis/git/repositories")).willReturn(aResponse().withStatus(404)
                .withBody("{\"$id\":\"1\",\"message\":\"TF400813: Resource not available for anonymous access.\"}")));

        assertThatThrownBy(() -> provider().discover(RepoPattern.parse("ghost/*/*")))
                .isInstanceOf(RemoteException.class)
                .hasMessage("azure-devops provider 'ado': no organisation or project 'ghost' (404 Not Found)");
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = AzureDevOpsProviderTest.class.getResourceAsStream("/azure-devops/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
