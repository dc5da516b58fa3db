package dev.autodeploy.deployer.target.kubernetes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An environment with target {@code kubernetes} deployed through the REST API to a cluster (fabric8's CRUD mock API
 * server, the test playing the Deployment controller), its image following the commit, then rolled back through
 * the API to the earlier revision's image.
 */
class KubernetesDeploymentFlowTests extends DeployerTest {

    private static final KubernetesMockServer CLUSTER = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()), false);
    private static final KubernetesClient CONTROLLER;

    static {
        CLUSTER.init();
        CONTROLLER = CLUSTER.createClient();
    }

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.deployer.kubernetes.enabled", () -> "true");
        registry.add("autodeploy.deployer.kubernetes.master-url", () -> CONTROLLER.getConfiguration().getMasterUrl());
        registry.add("autodeploy.deployer.kubernetes.token", () -> "flow-test-token");
        registry.add("autodeploy.deployer.kubernetes.cluster-name", () -> "mock");
        registry.add("autodeploy.deployer.kubernetes.poll-interval", () -> "100ms");
        registry.add("autodeploy.deployer.kubernetes.rollout-timeout", () -> "30s");
        registry.add("autodeploy.deployer.kubernetes.ingress-host", () -> "{environment}.{project}.apps.test");
    }

    @AfterAll
    static void stopCluster() {
        CONTROLLER.close();
        CLUSTER.destroy();
    }

    @Test
    void anEnvironmentOnKubernetesIsDeployedToReadyAndRolledBackToTheEarlierImage() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String first = repository.commit("v1", Map.of("README.md", "v1"));
        Map<String, Object> project = project(admin, repository, first, Map.of());
        Object projectId = project.get("id");
        String slug = (String) project.get("slug");
        ResponseEntity<Map<String, Object>> refused = put("/api/v1/projects/" + projectId
                + "/environments/production", Map.of("target", "kubernetes", "settings",
                        Map.of("image", "registry.test/shop:latest")), admin);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-target-settings");
        ResponseEntity<Map<String, Object>> retargeted = put("/api/v1/projects/" + projectId
                + "/environments/production", Map.of("target", "kubernetes", "settings",
                        Map.of("image", "registry.test/shop:{shortSha}", "port", "3000", "healthCheckPath", "/health")),
                admin);
        assertThat(retargeted.getStatusCode().value()).as("%s", retargeted.getBody()).isEqualTo(200);
        assertThat(get("/api/v1/providers/kubernetes", admin).getBody()).containsEntry("available", true);

        Map<String, Object> v1 = rolledOut(admin, deploy(admin, projectId, Map.of()).get("id"));
        String namespace = "autodeploy-" + slug;
        String name = KubernetesNames.resource(slug, "production");
        assertThat(v1.get("url")).isEqualTo("https://production." + slug + ".apps.test");
        assertThat(image(namespace, name)).isEqualTo("registry.test/shop:" + first.substring(0, 7));

        String second = repository.commit("v2", Map.of("README.md", "v2"));
        Map<String, Object> v2 = rolledOut(admin, deploy(admin, projectId, Map.of()).get("id"));
        assertThat(v2.get("commitSha")).isEqualTo(second);
        assertThat(image(namespace, name)).isEqualTo("registry.test/shop:" + second.substring(0, 7));

        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/deployments/" + v1.get("id") + "/rollback",
                Map.of(), admin);
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(201);
        rolledOut(admin, rollback.getBody().get("id"));
        assertThat(image(namespace, name)).isEqualTo("registry.test/shop:" + first.substring(0, 7));
        assertThat(CONTROLLER.apps().deployments().inNamespace(namespace).withName(name).get().getSpec()
                .getTemplate().getMetadata().getAnnotations())
                .containsEntry("autodeploy.dev/built-by", (String) v1.get("id"))
                .containsEntry("autodeploy.dev/deployment-id", (String) rollback.getBody().get("id"));
    }

    @Test
    void anEnvironmentOnARegisteredClusterDeploysIntoThatClustersNamespace() {
        Member admin = member(Role.ADMIN);
        String teamNamespace = "team-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<Map<String, Object>> registered = post("/api/v1/cicd-providers", Map.of("organizationId",
                admin.organizationId(), "type", "kubernetes", "name", "team cluster", "baseUrl",
                CONTROLLER.getConfiguration().getMasterUrl(), "secret", "team-token", "settings",
                Map.of("namespace", teamNamespace)), admin);
        assertThat(registered.getStatusCode().value()).as("%s", registered.getBody()).isEqualTo(201);
        Object providerId = registered.getBody().get("id");
        assertThat(post("/api/v1/cicd-providers/" + providerId + "/test", null, admin).getBody())
                .containsEntry("ok", true);
        TestGitRemote repository = repository();
        String commit = repository.commit("v1", Map.of("README.md", "v1"));
        Map<String, Object> project = project(admin, repository, commit, Map.of());
        ResponseEntity<Map<String, Object>> retargeted = put("/api/v1/projects/" + project.get("id")
                + "/environments/production", Map.of("target", "kubernetes", "settings", Map.of("image",
                        "registry.test/team:1.0.0", "providerId", providerId.toString())), admin);
        assertThat(retargeted.getStatusCode().value()).as("%s", retargeted.getBody()).isEqualTo(200);

        Map<String, Object> ready = rolledOut(admin, deploy(admin, project.get("id"), Map.of()).get("id"));

        String name = KubernetesNames.resource((String) project.get("slug"), "production");
        assertThat(image(teamNamespace, name)).isEqualTo("registry.test/team:1.0.0");
        assertThat(ready.get("url")).isEqualTo("https://production." + project.get("slug") + ".apps.test");
        assertThat(CONTROLLER.apps().deployments().inNamespace("autodeploy-" + project.get("slug")).withName(name)
                .get()).as("not on the configured pattern's namespace").isNull();
    }

    /** Plays the controller for the deployment's revision once it is applied, and waits for it to be ready. */
    private Map<String, Object> rolledOut(Member member, Object deploymentId) {
        UUID id = UUID.fromString((String) deploymentId);
        Deployment applied = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> revision(id), found -> !found.isEmpty()).get(0);
        new TestCluster(CONTROLLER).rollOut(applied.getMetadata().getNamespace(), applied.getMetadata().getName(), id);
        return awaitStatus(member, deploymentId, "ready");
    }

    private static List<Deployment> revision(UUID deploymentId) {
        return CONTROLLER.apps().deployments().inAnyNamespace().list().getItems().stream()
                .filter(deployment -> deploymentId.toString().equals(deployment.getSpec().getTemplate().getMetadata()
                        .getAnnotations().get(KubernetesManifests.DEPLOYMENT_ID)))
                .toList();
    }

    private static String image(String namespace, String name) {
        return CONTROLLER.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }
}
