package dev.autodeploy.deployer.target.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A cluster the target deploys to: the configured one or a registered {@code kubernetes} provider.
 *
 * @param name what its calls' circuit breaker and log lines name it by
 */
record KubernetesCluster(String name, KubernetesClient client) {

    @Override
    public String toString() {
        return "KubernetesCluster[" + name + "]";
    }
}
