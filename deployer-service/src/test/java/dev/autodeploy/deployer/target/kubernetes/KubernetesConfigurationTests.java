package dev.autodeploy.deployer.target.kubernetes;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.cicd.CicdConnection;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesConfigurationTests {

    private static KubernetesProperties properties(String masterUrl, String token) {
        return new KubernetesProperties(true, "prod", masterUrl, token, "", "", "", "autodeploy-{project}", true,
                Duration.ofMinutes(5), Duration.ofSeconds(2), "", "", "https", "IfNotPresent", Duration.ofSeconds(7),
                500);
    }

    @Test
    void aMasterUrlAndTokenMakeTheClientWithOurTimeoutsAndNoRetriesOfItsOwn() {
        Config config = KubernetesConfiguration.config(properties("https://k8s.example.com:6443", "sa-token"));

        assertThat(config.getMasterUrl()).startsWith("https://k8s.example.com:6443");
        assertThat(config.getOauthToken()).isEqualTo("sa-token");
        assertThat(config.getRequestTimeout()).isEqualTo(7000);
        assertThat(config.getRequestRetryBackoffLimit()).isZero();
    }

    @Test
    void theTokenIsNeverInThePropertiesText() {
        assertThat(properties("https://k8s.example.com", "sa-token-value").toString())
                .doesNotContain("sa-token-value").contains("token=****");
        assertThat(properties("https://k8s.example.com", "").toString()).contains("token=none");
    }

    @Test
    void aRegisteredClusterTakesItsCaCertificateAsPemOrBase64() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        CicdConnection connection = new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "kubernetes", "team",
                URI.create("https://10.1.2.3:6443"), null, "team-token", Map.of("caCert", pem));

        try (KubernetesClient client = KubernetesConfiguration.client(connection, properties("", ""))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://10.1.2.3:6443");
            assertThat(client.getConfiguration().getOauthToken()).isEqualTo("team-token");
            assertThat(new String(java.util.Base64.getDecoder().decode(client.getConfiguration().getCaCertData())))
                    .isEqualTo(pem);
        }
    }
}
