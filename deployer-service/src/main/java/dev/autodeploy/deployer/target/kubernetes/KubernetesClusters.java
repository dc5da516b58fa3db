package dev.autodeploy.deployer.target.kubernetes;

import java.util.UUID;

import dev.autodeploy.deployer.target.DeployFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The cluster an environment deploys to: the configured one. */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.kubernetes", name = "enabled", havingValue = "true")
class KubernetesClusters {

    private final KubernetesCluster configured;

    KubernetesClusters(KubernetesProperties properties, KubernetesClient client) {
        this.configured = new KubernetesCluster(properties.clusterName(), client);
    }

    /**
     * @param providerId the environment's {@code providerId} setting, or null
     */
    KubernetesCluster cluster(UUID organizationId, UUID providerId) throws DeployFailure {
        return configured;
    }
}
