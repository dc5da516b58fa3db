package dev.autodeploy.deployer.target.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.target.DeployFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The cluster an environment deploys to: the registered {@code kubernetes} provider its {@code providerId} setting
 * names (the organization's own; API server = base URL, bearer token = secret, settings {@code namespace} and
 * {@code caCert}), otherwise the configured cluster. A registered cluster's client is kept while its registration
 * stays the same and closed when it changes or the deployer stops.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.kubernetes", name = "enabled", havingValue = "true")
class KubernetesClusters {

    static final String TYPE = "kubernetes";

    /** Registered providers as the target looks them up. */
    @FunctionalInterface
    interface Registrations {

        CicdConnection require(UUID providerId, UUID organizationId) throws DeployFailure;
    }

    private final KubernetesProperties properties;
    private final KubernetesCluster configured;
    private final Registrations registrations;
    private final Map<UUID, Registered> registered = new ConcurrentHashMap<>();

    private record Registered(String fingerprint, KubernetesCluster cluster) {
    }

    @Autowired
    KubernetesClusters(KubernetesProperties properties, KubernetesClient client, CicdConnections connections) {
        this(properties, client, (providerId, organizationId) -> connections.require(providerId, organizationId,
                TYPE));
    }

    KubernetesClusters(KubernetesProperties properties, KubernetesClient client, Registrations registrations) {
        this.properties = properties;
        this.configured = new KubernetesCluster(properties.clusterName(), properties.clusterName(), client, null);
        this.registrations = registrations;
    }

    /**
     * @param providerId the environment's {@code providerId} setting, or null for the configured cluster
     */
    KubernetesCluster cluster(UUID organizationId, UUID providerId) throws DeployFailure {
        if (providerId == null) {
            return configured;
        }
        CicdConnection connection = registrations.require(providerId, organizationId);
        if (connection.baseUrl() == null || connection.secret() == null) {
            throw DeployFailure.failed("The kubernetes provider " + connection.name()
                    + " has no API server URL or token.");
        }
        String fingerprint = fingerprint(connection);
        Registered current = registered.compute(providerId, (id, known) -> {
            if (known != null && known.fingerprint().equals(fingerprint)) {
                return known;
            }
            if (known != null) {
                known.cluster().client().close();
            }
            return new Registered(fingerprint, open(connection));
        });
        return current.cluster();
    }

    private KubernetesCluster open(CicdConnection connection) {
        String namespace = connection.settings().get("namespace");
        return new KubernetesCluster(connection.name(), connection.id().toString(), KubernetesConfiguration.client(connection, properties),
                namespace == null || namespace.isBlank() ? null : namespace);
    }

    @PreDestroy
    void close() {
        registered.values().forEach(known -> known.cluster().client().close());
        registered.clear();
    }

    /** What the client was built from, hashed: a changed token or address makes a new client. */
    private static String fingerprint(CicdConnection connection) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { connection.baseUrl().toString(), connection.secret(),
                    String.valueOf(connection.settings().get("caCert")),
                    String.valueOf(connection.settings().get("namespace")) }) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
