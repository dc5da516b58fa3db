package dev.autodeploy.deployer.target.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

/**
 * What the target applies for an environment: a Deployment whose pod template names the deployment it came from
 * (so every deployment is a new revision), a Service in front of it, an optional Ingress, and a Secret with the
 * environment's variables that the container takes with {@code envFrom} — the values live only in the Secret.
 */
final class KubernetesManifests {

    static final String NAME = "app.kubernetes.io/name";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "autodeploy";
    static final String PROJECT = "autodeploy.dev/project";
    static final String ENVIRONMENT = "autodeploy.dev/environment";
    static final String DEPLOYMENT_LABEL = "autodeploy.dev/deployment";
    static final String DEPLOYMENT_ID = "autodeploy.dev/deployment-id";
    static final String BUILT_BY = "autodeploy.dev/built-by";
    static final String COMMIT = "autodeploy.dev/commit";
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String CONTAINER = "app";
    static final int SERVICE_PORT = 80;

    private KubernetesManifests() {
    }

    /** Where and under which names one environment lives in the cluster. */
    record Placement(String namespace, String name, String projectLabel, String environmentLabel) {

        /** The labels every object of the environment carries (and the Deployment selects its pods by). */
        Map<String, String> selector() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(NAME, name);
            labels.put(PROJECT, projectLabel);
            labels.put(ENVIRONMENT, environmentLabel);
            return labels;
        }

        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>(selector());
            labels.put(MANAGED_BY, MANAGER);
            return labels;
        }

        String secret() {
            return KubernetesNames.secret(name);
        }

        private ObjectMeta metadata(String objectName) {
            return new ObjectMetaBuilder().withName(objectName).withNamespace(namespace).withLabels(labels()).build();
        }
    }

    /** One deployment's pod template: the image, probes and resources its settings give. */
    record Revision(UUID deploymentId, UUID builtBy, String commitSha, String image) {
    }

    static PodTemplateSpec template(Placement placement, KubernetesSettings settings, Revision revision,
            String imagePullPolicy) {
        Map<String, String> labels = new LinkedHashMap<>(placement.labels());
        labels.put(DEPLOYMENT_LABEL, revision.deploymentId().toString());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(DEPLOYMENT_ID, revision.deploymentId().toString());
        annotations.put(BUILT_BY, revision.builtBy().toString());
        if (revision.commitSha() != null) {
            annotations.put(COMMIT, revision.commitSha());
        }
        ContainerBuilder container = new ContainerBuilder().withName(CONTAINER).withImage(revision.image())
                .withImagePullPolicy(imagePullPolicy)
                .addNewPort().withName("http").withContainerPort(settings.port()).withProtocol("TCP").endPort()
                .addNewEnv().withName("PORT").withValue(String.valueOf(settings.port())).endEnv()
                .addNewEnvFrom().withNewSecretRef().withName(placement.secret()).withOptional(true).endSecretRef()
                .endEnvFrom()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).endSecurityContext();
        if (settings.healthCheckPath() != null) {
            container.withNewReadinessProbe().withNewHttpGet().withPath(settings.healthCheckPath())
                    .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(5).withTimeoutSeconds(2)
                    .withFailureThreshold(3).endReadinessProbe();
        }
        else {
            container.withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket()
                    .withPeriodSeconds(5).withTimeoutSeconds(2).withFailureThreshold(3).endReadinessProbe();
        }
        if (!settings.requests().isEmpty() || !settings.limits().isEmpty()) {
            container.withResources(new ResourceRequirementsBuilder().withRequests(quantities(settings.requests()))
                    .withLimits(quantities(settings.limits())).build());
        }
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).withAnnotations(annotations)
                .endMetadata().withNewSpec().withContainers(container.build())
                .withAutomountServiceAccountToken(false).endSpec().build();
    }

    static Deployment deployment(Placement placement, int replicas, PodTemplateSpec template, String changeCause,
            int progressDeadlineSeconds) {
        ObjectMeta metadata = placement.metadata(placement.name());
        metadata.setAnnotations(Map.of(CHANGE_CAUSE, changeCause));
        return new DeploymentBuilder().withMetadata(metadata).withNewSpec().withReplicas(replicas)
                .withRevisionHistoryLimit(10).withProgressDeadlineSeconds(progressDeadlineSeconds)
                .withNewSelector().withMatchLabels(placement.selector()).endSelector()
                // a new pod has to be ready before an old one goes: the previous release serves until then
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                .endStrategy()
                .withTemplate(template).endSpec().build();
    }

    static Service service(Placement placement) {
        return new ServiceBuilder().withMetadata(placement.metadata(placement.name())).withNewSpec()
                .withType("ClusterIP").withSelector(placement.selector())
                .addNewPort().withName("http").withPort(SERVICE_PORT).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort().endSpec().build();
    }

    static Ingress ingress(Placement placement, String host, String ingressClass) {
        IngressBuilder ingress = new IngressBuilder().withMetadata(placement.metadata(placement.name()));
        return ingress.withNewSpec().withIngressClassName(ingressClass == null || ingressClass.isBlank() ? null
                : ingressClass)
                .addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(placement.name()).withNewPort().withNumber(SERVICE_PORT)
                .endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build();
    }

    /**
     * The environment's variables; never logged, never in the Deployment. As {@code data} (not the write-only
     * {@code stringData}), so server-side apply prunes a variable that was removed.
     */
    static Secret secret(Placement placement, Map<String, String> variables) {
        Map<String, String> data = new LinkedHashMap<>();
        variables.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(
                StandardCharsets.UTF_8))));
        return new SecretBuilder().withMetadata(placement.metadata(placement.secret())).withType("Opaque")
                .withData(data).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        values.forEach((key, value) -> quantities.put(key, new Quantity(value)));
        return quantities;
    }
}
