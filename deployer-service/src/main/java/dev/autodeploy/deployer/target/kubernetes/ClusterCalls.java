package dev.autodeploy.deployer.target.kubernetes;

import java.util.function.Function;

import dev.autodeploy.deployer.target.DeployFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;

/**
 * Calls of a cluster's API: a fabric8 failure becomes a {@link DeployFailure} that says what was asked and what
 * the API server answered (its status code and reason, never its message body), retryable when another attempt
 * may succeed (no answer, 5xx, 429, a conflict).
 */
@Component
class ClusterCalls {

    <T> T call(KubernetesCluster cluster, String what, Function<KubernetesClient, T> call) throws DeployFailure {
        try {
            return call.apply(cluster.client());
        }
        catch (KubernetesClientException ex) {
            throw failure(cluster, what, ex);
        }
    }

    static DeployFailure failure(KubernetesCluster cluster, String what, KubernetesClientException ex) {
        int code = ex.getCode();
        String answer = code == 0 ? "did not answer (" + rootCause(ex) + ")"
                : "answered " + code + (ex.getStatus() != null && ex.getStatus().getReason() != null
                        ? " " + ex.getStatus().getReason() : "");
        String message = "The Kubernetes API of cluster " + cluster.name() + " " + answer + " to " + what + ".";
        return retryable(code) ? DeployFailure.retryable(message) : DeployFailure.failed(message);
    }

    static boolean retryable(int code) {
        return code == 0 || code == 409 || code == 429 || code >= 500;
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
