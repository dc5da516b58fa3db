package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registering a GitLab instance: what its registration may hold, and the connection test against GitLab's API. */
class GitLabCiProviderTypeTests {

    @RegisterExtension
    static final WireMockExtension gitlab = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true))
            .build();

    private final GitLabCiProviderType type = new GitLabCiProviderType(
            GitLabTestCalls.clients());

    @Test
    void aGitLabInstanceIsItsBaseUrlWithoutSettings() {
        assertThatCode(() -> type.checkSettings(URI.create("https://gitlab.com"), null, Map.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> type.checkSettings(URI.create("https://git.example.com/gitlab"), null, Map.of()))
                .doesNotThrowAnyException();
        for (URI refused : new URI[] {URI.create("ftp://gitlab.com"), URI.create("https://gitlab.com/api/v4"),
                URI.create("https://user:pw@gitlab.com"), URI.create("https://gitlab.com?x=1"), URI.create("gitlab")}) {
            assertThatThrownBy(() -> type.checkSettings(refused, null, Map.of())).as("%s", refused)
                    .isInstanceOf(CicdProblems.InvalidProviderSettings.class);
        }
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://gitlab.com"), null,
                Map.of("triggerToken", "glptt-x"))).isInstanceOf(CicdProblems.InvalidProviderSettings.class)
                .hasMessageContaining("environment's settings").hasMessageNotContaining("glptt-x");
    }

    @Test
    void theConnectionTestAsksGitLabWhoTheTokenBelongsTo() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo("glpat-good-test-only"))
                .willReturn(okJson(GitLabApiExamples.user())));
        gitlab.stubFor(get(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo("glpat-revoked-test-only"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"401 Unauthorized\"}")));

        assertThatCode(() -> type.testConnection(connection("glpat-good-test-only"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> type.testConnection(connection("glpat-revoked-test-only")))
                .isInstanceOf(ProviderCallException.class).hasMessageNotContaining("glpat-revoked-test-only");
    }

    private static CicdConnection connection(String token) {
        return new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "gitlab-ci", "GitLab",
                URI.create(gitlab.baseUrl()), null, token, Map.of());
    }
}
