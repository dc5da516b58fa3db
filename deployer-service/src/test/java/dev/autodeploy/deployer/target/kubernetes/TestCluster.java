package dev.autodeploy.deployer.target.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.autodeploy.deployer.target.LogSink;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import static org.awaitility.Awaitility.await;

/**
 * Plays the Deployment controller and the kubelet on fabric8's CRUD mock API server, which runs neither: marks a
 * Deployment's rollout as done (a ReplicaSet per revision, a running pod) or as stuck.
 */
final class TestCluster {

    private final KubernetesClient client;

    TestCluster(KubernetesClient client) {
        this.client = client;
    }

    static KubernetesProperties properties(Duration rolloutTimeout, String ingressHost) {
        return new KubernetesProperties(true, "test", "", "", "", "", "", "autodeploy-{project}", true,
                rolloutTimeout, Duration.ofMillis(50), "nginx", ingressHost, "https", "IfNotPresent",
                Duration.ofSeconds(5), 100);
    }

    /** The Deployment once its pod template is the given deployment's. */
    Deployment awaitRevision(String namespace, String name, UUID deploymentId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.apps().deployments().inNamespace(namespace).withName(name).get(),
                        deployment -> deployment != null && deploymentId.toString().equals(deployment.getSpec()
                                .getTemplate().getMetadata().getAnnotations().get(KubernetesManifests.DEPLOYMENT_ID)));
    }

    /** As the controller does once the new pods are ready: a ReplicaSet for the revision, pods, a done status. */
    void rollOut(String namespace, String name, UUID deploymentId) {
        Deployment deployment = awaitRevision(namespace, name, deploymentId);
        int replicas = deployment.getSpec().getReplicas();
        int revision = client.apps().replicaSets().inNamespace(namespace).list().getItems().size() + 1;
        replicaSet(deployment, revision);
        String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        for (int i = 0; i < replicas; i++) {
            client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata()
                    .withName(name + "-" + revision + "-" + i).withNamespace(namespace)
                    .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                    .withNewSpec().withContainers(deployment.getSpec().getTemplate().getSpec().getContainers())
                    .endSpec().withNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .withContainerStatuses(new ContainerStatusBuilder().withName("app").withImage(image)
                            .withImageID(image.split(":")[0] + "@sha256:" + "ab".repeat(32)).withReady(true)
                            .withNewState().withNewRunning().withStartedAt("2026-12-01T00:00:00Z").endRunning()
                            .endState().build())
                    .endStatus().build()).create();
        }
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(current -> {
            current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(current.getMetadata()
                    .getGeneration()).withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return current;
        });
    }

    /** As the controller reports a new revision whose pods never become ready. */
    void stall(String namespace, String name, UUID deploymentId, boolean deadlineExceeded) {
        Deployment deployment = awaitRevision(namespace, name, deploymentId);
        int replicas = deployment.getSpec().getReplicas();
        int revision = client.apps().replicaSets().inNamespace(namespace).list().getItems().size() + 1;
        replicaSet(deployment, revision);
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(current -> {
            DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(current
                    .getMetadata().getGeneration()).withReplicas(replicas + 1).withUpdatedReplicas(1)
                    .withReadyReplicas(replicas).withAvailableReplicas(replicas);
            if (deadlineExceeded) {
                status.withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded").build());
            }
            current.setStatus(status.build());
            return current;
        });
    }

    private void replicaSet(Deployment deployment, int revision) {
        client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace())
                .resource(new ReplicaSetBuilder().withNewMetadata()
                        .withName(deployment.getMetadata().getName() + "-" + revision)
                        .withNamespace(deployment.getMetadata().getNamespace())
                        .withLabels(deployment.getSpec().getSelector().getMatchLabels())
                        .withAnnotations(Map.of(KubernetesManifests.REVISION, String.valueOf(revision)))
                        .endMetadata().withNewSpec().withReplicas(deployment.getSpec().getReplicas())
                        .withSelector(deployment.getSpec().getSelector())
                        .withTemplate(deployment.getSpec().getTemplate()).endSpec().build())
                .create();
    }

    /** A log sink that keeps the lines. */
    static final class Lines implements LogSink {

        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void line(String level, String source, String message) {
            lines.add(level + " " + source + " " + message);
        }
    }
}
