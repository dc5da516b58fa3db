package dev.autodeploy.deployer.target.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A cluster the target deploys to: the configured one or a registered {@code kubernetes} provider.
 *
 * @param name how log lines and messages name it
 * @param instance what its calls' retry and circuit breaker are named by ({@code provider-<instance>})
 * @param namespace the namespace of environments without a {@code namespace} setting, or null for the configured
 *        pattern's
 */
record KubernetesCluster(String name, String instance, KubernetesClient client, String namespace) {

    @Override
    public String toString() {
        return "KubernetesCluster[" + name + "]";
    }
}
