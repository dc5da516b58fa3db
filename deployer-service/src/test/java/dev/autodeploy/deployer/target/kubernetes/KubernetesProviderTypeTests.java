package dev.autodeploy.deployer.target.kubernetes;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Registering a cluster as a {@code kubernetes} provider: its settings checked, its token tried on the API. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesProviderTypeTests {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private final KubernetesProperties properties = TestCluster.properties(Duration.ofSeconds(5), "");
    private final KubernetesProviderType type = new KubernetesProviderType(properties, ProviderCallsFixture.quick());

    private static CicdConnection connection(String token, Map<String, String> settings) {
        return new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "kubernetes", "staging cluster",
                URI.create(client.getConfiguration().getMasterUrl()), null, token, settings);
    }

    @Test
    void acceptsAnApiServerWithNamespaceAndCaCertificate() {
        type.checkSettings(URI.create("https://10.0.0.1:6443"), null, Map.of("namespace", "team-a", "caCert", PEM));
        type.checkSettings(URI.create("https://k8s.example.com"), null,
                Map.of("caCert", Base64.getEncoder().encodeToString(PEM.getBytes())));
        assertThat(type.type()).isEqualTo("kubernetes");
    }

    @Test
    void refusesWhatItCannotConnectWith() {
        assertThatThrownBy(() -> type.checkSettings(null, null, Map.of()))
                .isInstanceOf(CicdProblems.InvalidProviderSettings.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> type.checkSettings(URI.create("ftp://k8s"), null, Map.of()))
                .isInstanceOf(CicdProblems.InvalidProviderSettings.class);
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://k8s"), null, Map.of("namespace", "Team A")))
                .hasMessageContaining("namespace must be a DNS label");
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://k8s"), null, Map.of("caCert", "not a cert")))
                .hasMessageContaining("caCert");
        assertThatThrownBy(() -> type.checkSettings(URI.create("https://k8s"), null, Map.of("insecure", "true")))
                .hasMessageContaining("no setting 'insecure'");
    }

    @Test
    void theConnectionTestListsDeploymentsWithTheToken() {
        type.testConnection(connection("a-token", Map.of("namespace", "team-a")));
    }

    @Test
    void aRefusedTokenFailsTheConnectionTestWithTheStatusOnly() {
        server.expect().get().withPath("/apis/apps/v1/namespaces/locked/deployments?limit=1")
                .andReturn(401, "{\"kind\":\"Status\",\"reason\":\"Unauthorized\",\"message\":\"token a-token rejected\"}")
                .always();

        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                () -> type.testConnection(connection("a-token", Map.of("namespace", "locked"))));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("staging cluster").contains("401").doesNotContain("a-token");
    }

    @Test
    void aProviderWithoutTokenIsRefused() {
        assertThatThrownBy(() -> type.testConnection(connection(null, Map.of())))
                .isInstanceOf(ProviderCallException.class).hasMessageContaining("bearer token");
    }
}
