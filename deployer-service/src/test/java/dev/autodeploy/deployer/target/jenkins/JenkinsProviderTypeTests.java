package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registrations of type jenkins: what is accepted, and the connection test against /api/json. */
class JenkinsProviderTypeTests {

    @RegisterExtension
    static WireMockExtension jenkins = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private final ProviderCallsFixture fixture = new ProviderCallsFixture(1, 100, Duration.ofSeconds(30));
    private final JenkinsProviderType type = new JenkinsProviderType(new JenkinsClient(fixture.restClients(),
            fixture.calls(), Clock.systemUTC()));

    @Test
    void anHttpsOrHttpBaseUrlWithAUserIsAccepted() {
        assertThatCode(() -> type.checkSettings(URI.create("https://ci.example.com/jenkins/"), "deployer", Map.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> type.checkSettings(URI.create("http://10.0.0.5:8080"), "deployer", null))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://ci.example.com", "file:///var/jenkins", "https://user:token@ci.example.com",
            "https://ci.example.com/?token=x", "https://ci.example.com/#x", "ci.example.com"})
    void otherBaseUrlsAreRefused(String baseUrl) {
        assertThatThrownBy(() -> type.checkSettings(URI.create(baseUrl), "deployer", Map.of()))
                .isInstanceOf(CicdProblems.InvalidProviderSettings.class);
    }

    @Test
    void aUserIsRequiredAndThereAreNoSettings() {
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://ci.example.com"), " ", Map.of()))
                .isInstanceOf(CicdProblems.InvalidProviderSettings.class).hasMessageContaining("username");
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://ci.example.com"), "deployer",
                Map.of("script", "x"))).isInstanceOf(CicdProblems.InvalidProviderSettings.class);
    }

    @Test
    void theConnectionTestReadsJenkinsAndReportsRefusedCredentials() {
        jenkins.stubFor(get("/api/json").withBasicAuth("deployer", "good-token").willReturn(okJson("{}")
                .withHeader("X-Jenkins", "2.479.1")));
        jenkins.stubFor(get("/api/json").withBasicAuth("deployer", "bad-token").willReturn(aResponse()
                .withStatus(401)));

        assertThatCode(() -> type.testConnection(connection("good-token"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> type.testConnection(connection("bad-token"))).isInstanceOf(ProviderCallException.class)
                .hasMessageContaining("401").hasMessageNotContaining("bad-token");
    }

    private static CicdConnection connection(String token) {
        return new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "jenkins", "ci", URI.create(jenkins.baseUrl()),
                "deployer", token, Map.of());
    }
}
