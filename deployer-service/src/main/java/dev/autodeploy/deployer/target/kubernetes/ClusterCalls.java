package dev.autodeploy.deployer.target.kubernetes;

import java.util.function.Function;

import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderUnavailable;
import dev.autodeploy.deployer.target.DeployFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;

/**
 * Calls of a cluster's API through {@link ProviderCalls} (retries with back-off and a circuit breaker named after
 * the cluster): a fabric8 failure becomes a {@link ProviderCallException} with the API server's status (no
 * answer, 5xx and 429 are retried), and what still fails a {@link DeployFailure} that says what was asked and what
 * the server answered — its status and reason, never its message body. A conflict or an open breaker is worth
 * another attempt of the deployment later.
 */
@Component
class ClusterCalls {

    private final ProviderCalls calls;

    ClusterCalls(ProviderCalls calls) {
        this.calls = calls;
    }

    <T> T call(KubernetesCluster cluster, String what, Function<KubernetesClient, T> call) throws DeployFailure {
        try {
            return calls.call(cluster.name(), () -> {
                try {
                    return call.apply(cluster.client());
                }
                catch (KubernetesClientException ex) {
                    throw translate(cluster, what, ex);
                }
            });
        }
        catch (ProviderUnavailable ex) {
            throw DeployFailure.retryable(ex.getMessage());
        }
        catch (ProviderCallException ex) {
            throw ex.retryable() || ex.status() == 409 ? DeployFailure.retryable(ex.getMessage())
                    : DeployFailure.failed(ex.getMessage());
        }
    }

    static ProviderCallException translate(KubernetesCluster cluster, String what, KubernetesClientException ex) {
        // fabric8 says -1 (or 0) when no response came
        int code = Math.max(0, ex.getCode());
        String answer = code == 0 ? "did not answer (" + rootCause(ex) + ")"
                : "answered " + code + (ex.getStatus() != null && ex.getStatus().getReason() != null
                        ? " " + ex.getStatus().getReason() : "");
        String provider = "The Kubernetes API of cluster " + cluster.name();
        return new ProviderCallException(provider, code, null, provider + " " + answer + " to " + what + ".");
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
