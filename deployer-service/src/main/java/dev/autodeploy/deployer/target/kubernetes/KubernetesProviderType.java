package dev.autodeploy.deployer.target.kubernetes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.CicdProviderType;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Registered clusters ({@code kubernetes} providers): the base URL is the API server, the secret a bearer token
 * (a service account's), settings {@code namespace} (where its environments go unless they say otherwise) and
 * {@code caCert} (the API server's CA, PEM or base64 of it). The connection test lists Deployments in that
 * namespace with the token, which is what deploying needs.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.kubernetes", name = "enabled", havingValue = "true")
class KubernetesProviderType implements CicdProviderType {

    private static final Set<String> SETTINGS = Set.of("namespace", "caCert");

    private final KubernetesProperties properties;
    private final ProviderCalls calls;

    KubernetesProviderType(KubernetesProperties properties, ProviderCalls calls) {
        this.properties = properties;
        this.calls = calls;
    }

    @Override
    public String type() {
        return KubernetesClusters.TYPE;
    }

    @Override
    public void checkSettings(URI baseUrl, String username, Map<String, String> settings) {
        if (baseUrl == null || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl must be the cluster's API server "
                    + "(https://host[:port]).");
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue() == null ? "" : setting.getValue().strip();
            switch (setting.getKey()) {
                case "namespace" -> {
                    if (!value.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                        throw new CicdProblems.InvalidProviderSettings("namespace must be a DNS label (at most 63 "
                                + "lower-case letters, digits and '-').");
                    }
                }
                case "caCert" -> {
                    if (!pem(value)) {
                        throw new CicdProblems.InvalidProviderSettings("caCert must be a PEM certificate "
                                + "(-----BEGIN CERTIFICATE-----...) or the base64 of one.");
                    }
                }
                default -> throw new CicdProblems.InvalidProviderSettings("A kubernetes provider has no setting '"
                        + setting.getKey() + "'; it knows " + String.join(", ", SETTINGS.stream().sorted().toList())
                        + ".");
            }
        }
    }

    private static boolean pem(String value) {
        String text = value;
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                text = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
        }
        return text.contains("-----BEGIN CERTIFICATE-----") && text.contains("-----END CERTIFICATE-----");
    }

    @Override
    public void testConnection(CicdConnection connection) {
        if (connection.secret() == null || connection.secret().isBlank()) {
            throw new ProviderCallException("Kubernetes API " + connection.name(), 401, null,
                    "A kubernetes provider needs a bearer token as its secret.");
        }
        String namespace = connection.settings().getOrDefault("namespace", "default");
        KubernetesCluster cluster = new KubernetesCluster(connection.name(), connection.id().toString(), null,
                namespace);
        try (KubernetesClient client = KubernetesConfiguration.client(connection, properties)) {
            calls.call(cluster.instance(), () -> {
                try {
                    return client.apps().deployments().inNamespace(namespace)
                            .list(new ListOptionsBuilder().withLimit(1L).build()).getItems().size();
                }
                catch (KubernetesClientException ex) {
                    throw ClusterCalls.translate(cluster, "list Deployments in namespace " + namespace, ex);
                }
            });
        }
    }
}
