package dev.autodeploy.deployer.target.kubernetes;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster the {@code kubernetes} target deploys to and how ({@code autodeploy.deployer.kubernetes}).
 * Credentials come from one of: {@code masterUrl} + {@code token} (from the environment), a kubeconfig file
 * ({@code kubeconfig} + optional {@code context}), or — neither set — fabric8's own discovery (in-cluster service
 * account, then {@code ~/.kube/config}). Blank means not set.
 *
 * @param clusterName how the cluster is named in logs and its circuit breaker ({@code provider-<clusterName>})
 * @param namespace the namespace of an environment without a {@code namespace} setting; {@code {project}} and
 *        {@code {environment}} stand for the project's slug and the environment's name
 * @param createNamespaces create an environment's namespace when it does not exist (needs the cluster role)
 * @param rolloutTimeout how long a rollout may take to become available before it is rolled back
 * @param pollInterval how often a rollout's Deployment, pods and logs are read
 * @param ingressClass the {@code ingressClassName} of the Ingresses made (none when blank)
 * @param ingressHost the host of an environment's Ingress when it has no {@code ingressHost} setting (no Ingress
 *        when blank); the same placeholders as {@code namespace}
 * @param urlScheme how Ingress hosts are reached ({@code https} behind a TLS-terminating ingress controller)
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}
 * @param requestTimeout the timeout of one API request
 * @param runtimeLogLines container log lines read per pod and poll at most
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.kubernetes")
record KubernetesProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("default") @NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?") String clusterName,
        @DefaultValue("") String masterUrl, @DefaultValue("") String token, @DefaultValue("") String caCertFile,
        @DefaultValue("") String kubeconfig, @DefaultValue("") String context,
        @DefaultValue("autodeploy-{project}") @NotBlank String namespace,
        @DefaultValue("true") boolean createNamespaces,
        @DefaultValue("5m") @NotNull Duration rolloutTimeout, @DefaultValue("2s") @NotNull Duration pollInterval,
        @DefaultValue("") String ingressClass, @DefaultValue("") String ingressHost,
        @DefaultValue("https") @Pattern(regexp = "https?") String urlScheme,
        @DefaultValue("IfNotPresent") @Pattern(regexp = "Always|IfNotPresent|Never") String imagePullPolicy,
        @DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("500") @Min(1) int runtimeLogLines) {

    @Override
    public String toString() {
        // never the token
        return "KubernetesProperties[cluster=" + clusterName + ", masterUrl=" + masterUrl + ", kubeconfig=" + kubeconfig
                + ", context=" + context + ", token=" + (token == null || token.isBlank() ? "none" : "****") + "]";
    }
}
