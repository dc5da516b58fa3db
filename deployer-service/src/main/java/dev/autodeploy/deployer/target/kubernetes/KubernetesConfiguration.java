package dev.autodeploy.deployer.target.kubernetes;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.autodeploy.deployer.cicd.CicdConnection;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured cluster's client, built from {@link KubernetesProperties} and closed on shutdown. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "autodeploy.deployer.kubernetes", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(KubernetesProperties.class)
class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties)).build();
    }

    static Config config(KubernetesProperties properties) {
        ConfigBuilder config;
        if (blankToNull(properties.masterUrl()) != null) {
            config = new ConfigBuilder(Config.empty()).withMasterUrl(properties.masterUrl())
                    .withOauthToken(blankToNull(properties.token()));
            if (blankToNull(properties.caCertFile()) != null) {
                config.withCaCertFile(properties.caCertFile());
            }
        }
        else if (blankToNull(properties.kubeconfig()) != null) {
            config = new ConfigBuilder(Config.fromKubeconfig(blankToNull(properties.context()),
                    new File(properties.kubeconfig())));
        }
        else {
            // in-cluster service account, then ~/.kube/config (fabric8's discovery)
            config = new ConfigBuilder(Config.autoConfigure(blankToNull(properties.context())));
        }
        return tuned(config, properties).build();
    }

    /**
     * A client for a registered cluster: its API server (base URL), bearer token (secret) and, when set, CA
     * certificate (setting {@code caCert}). The caller closes it.
     */
    static KubernetesClient client(CicdConnection connection, KubernetesProperties properties) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(connection.baseUrl().toString())
                .withOauthToken(connection.secret());
        String caCert = connection.settings().get("caCert");
        if (caCert != null && !caCert.isBlank()) {
            config.withCaCertData(caCert.contains("-----BEGIN") ? Base64.getEncoder().encodeToString(caCert
                    .getBytes(StandardCharsets.UTF_8)) : caCert.strip());
        }
        return new KubernetesClientBuilder().withConfig(tuned(config, properties).build()).build();
    }

    private static ConfigBuilder tuned(ConfigBuilder config, KubernetesProperties properties) {
        int timeout = Math.toIntExact(properties.requestTimeout().toMillis());
        // Retries are ProviderCalls' (with the cluster's circuit breaker), not fabric8's own.
        return config.withRequestTimeout(timeout).withConnectionTimeout(timeout).withRequestRetryBackoffLimit(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
