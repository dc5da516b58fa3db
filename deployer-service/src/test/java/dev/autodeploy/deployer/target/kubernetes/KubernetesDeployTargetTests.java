package dev.autodeploy.deployer.target.kubernetes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import dev.autodeploy.deployer.target.TargetStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The kubernetes target against fabric8's mock API server in CRUD mode, the test playing the Deployment controller
 * ({@link TestCluster}): what is applied, rollouts watched to ready, stuck rollouts rolled back, rollback by an
 * earlier ReplicaSet, cancel, status, health and destroy.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesDeployTargetTests {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String SECRET_VALUE = "s3cr3t-" + UUID.randomUUID();

    /** One environment of its own per test. */
    private final String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    private final String namespace = "autodeploy-" + slug;
    private final String name = slug + "-production";

    private KubernetesDeployTarget target(Duration rolloutTimeout) {
        KubernetesProperties properties = TestCluster.properties(rolloutTimeout, "");
        KubernetesClusters clusters = new KubernetesClusters(properties, client, (providerId, organizationId) -> {
            throw DeployFailure.failed("No registered clusters here.");
        });
        return new KubernetesDeployTarget(properties, clusters, new ClusterCalls(ProviderCallsFixture.quick()),
                Clock.systemUTC());
    }

    private TargetEnvironment environment(Map<String, String> settings) {
        return new TargetEnvironment(UUID.randomUUID(), UUID.randomUUID(), slug, UUID.randomUUID(), "production",
                settings);
    }

    private static Map<String, String> settings(String image) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("image", image);
        settings.put("replicas", "2");
        settings.put("port", "3000");
        settings.put("healthCheckPath", "/healthz");
        settings.put("ingressHost", "shop.example.com");
        settings.put("cpuRequest", "100m");
        settings.put("cpuLimit", "500m");
        settings.put("memoryRequest", "128Mi");
        settings.put("memoryLimit", "256Mi");
        return settings;
    }

    private static DeploymentContext context(TargetEnvironment environment, String commit) {
        return context(environment, commit, Map.of("DATABASE_PASSWORD", SECRET_VALUE, "GREETING", "hello"));
    }

    private static DeploymentContext context(TargetEnvironment environment, String commit,
            Map<String, String> variables) {
        return new DeploymentContext(UUID.randomUUID(), environment, "https://git.example.com/shop.git", "main",
                commit, Instant.now(), "", null, new BuildSettings(null, null, null, null, "node", null),
                variables, java.util.Set.of(), 1, "callback-token");
    }

    private String variable(String key) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name + "-env").get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** Builds and deploys, playing the controller: done when {@code healthy}, stuck otherwise. */
    private Deployed deployed(KubernetesDeployTarget target, DeploymentContext context, TestCluster.Lines logs)
            throws DeployFailure {
        Release release = target.build(context, logs);
        CompletableFuture<Deployed> deploy = deployAsync(target, context, release, logs);
        new TestCluster(client).rollOut(namespace, KubernetesNames.resource(slug,
                context.environment().environmentName()), context.deploymentId());
        return join(deploy);
    }

    private static CompletableFuture<Deployed> deployAsync(KubernetesDeployTarget target, DeploymentContext context,
            Release release, TestCluster.Lines logs) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return target.deploy(context, release, logs);
            }
            catch (DeployFailure failure) {
                throw new CompletionException(failure);
            }
        });
    }

    private static Deployed join(CompletableFuture<Deployed> deploy) throws DeployFailure {
        try {
            return deploy.get(30, TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            if (ex.getCause() instanceof DeployFailure failure) {
                throw failure;
            }
            throw new AssertionError(ex.getCause());
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    /** A second deployment whose rollout is stuck after a first one that became available. */
    private record Stalled(DeploymentContext first, DeploymentContext second, CompletableFuture<Deployed> deploy) {
    }

    private Stalled stalledAfterADeploy(KubernetesDeployTarget target, String newImage, boolean deadlineExceeded,
            TestCluster.Lines logs) throws DeployFailure {
        TargetEnvironment environment = environment(Map.of("image", "shop/web:1.0.0"));
        target.create(environment);
        DeploymentContext first = context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        deployed(target, first, new TestCluster.Lines());
        DeploymentContext second = context(environment(Map.of("image", newImage)),
                "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Map.of("GREETING", "hola"));
        CompletableFuture<Deployed> deploy = deployAsync(target, second, target.build(second, logs), logs);
        new TestCluster(client).stall(namespace, name, second.deploymentId(), deadlineExceeded);
        return new Stalled(first, second, deploy);
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void deployAppliesDeploymentServiceIngressAndSecretWithTheVariablesOnlyInTheSecret() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(20));
        TargetEnvironment environment = environment(settings("registry.example.com/shop/web:1.0.0"));
        target.checkSettings(environment.settings());
        target.create(environment);
        assertThat(client.namespaces().withName(namespace).get()).isNotNull();
        DeploymentContext context = context(environment, "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        TestCluster.Lines logs = new TestCluster.Lines();
        for (String pod : new String[] { name + "-1-0", name + "-1-1" }) {
            server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod
                    + "/log?pretty=false&container=app&tailLines=100&timestamps=true")
                    .andReturn(200, "2026-12-01T00:00:01.5Z listening on 3000\n2026-12-01T00:00:02Z ready\n").always();
        }

        Deployed deployed = deployed(target, context, logs);

        assertThat(deployed.url()).isEqualTo("https://shop.example.com");
        assertThat(deployed.attributes()).containsEntry("namespace", namespace).containsEntry("deployment", name)
                .containsEntry("image", "registry.example.com/shop/web:1.0.0")
                .containsEntry("imageId", "registry.example.com/shop/web@sha256:" + "ab".repeat(32));
        Deployment deployment = deployment();
        assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", name)
                .containsEntry("app.kubernetes.io/managed-by", "autodeploy").containsEntry("autodeploy.dev/project", slug)
                .containsEntry("autodeploy.dev/environment", "production");
        assertThat(deployment.getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
                .contains(context.deploymentId().toString());
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autodeploy.dev/deployment-id", context.deploymentId().toString())
                .containsEntry("autodeploy.dev/commit", context.commitSha());
        Container container = container();
        assertThat(container.getImage()).isEqualTo("registry.example.com/shop/web:1.0.0");
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(3000);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo(name + "-env");
        assertThat(Serialization.asJson(deployment)).doesNotContain(SECRET_VALUE).doesNotContain("DATABASE_PASSWORD");

        Service service = client.services().inNamespace(namespace).withName(name).get();
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", name)
                .containsEntry("autodeploy.dev/environment", "production");
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName(name).get();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("shop.example.com");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                .getName()).isEqualTo(name);
        Secret secret = client.secrets().inNamespace(namespace).withName(name + "-env").get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "autodeploy");
        assertThat(variable("DATABASE_PASSWORD")).isEqualTo(SECRET_VALUE);

        assertThat(logs.lines).anyMatch(line -> line.contains("Rollout: 2 of 2 updated, 2 available"))
                .anyMatch(line -> line.startsWith("info runtime pod " + name) && line.contains("Running, ready"))
                .containsOnlyOnce("info runtime [" + name + "-1-0] listening on 3000",
                        "info runtime [" + name + "-1-1] ready")
                .noneMatch(line -> line.contains(SECRET_VALUE));
        TargetStatus status = target.status(environment);
        assertThat(status.state()).isEqualTo("serving");
        assertThat(status.deploymentId()).isEqualTo(context.deploymentId());
        HealthReport health = target.health(environment);
        assertThat(health.healthy()).as(health.detail()).isTrue();
    }

    @Test
    void aNewImageIsANewRevisionWatchedUntilAvailable() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(20));
        TargetEnvironment environment = environment(Map.of("image", "shop/web:{shortSha}"));
        target.create(environment);
        deployed(target, context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), new TestCluster.Lines());
        assertThat(container().getImage()).isEqualTo("shop/web:1111111");
        long generation = deployment().getMetadata().getGeneration();

        DeploymentContext second = context(environment, "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        TestCluster.Lines logs = new TestCluster.Lines();
        Release release = target.build(second, logs);
        CompletableFuture<Deployed> deploy = deployAsync(target, second, release, logs);
        new TestCluster(client).awaitRevision(namespace, name, second.deploymentId());
        assertThat(deploy).isNotDone();
        new TestCluster(client).rollOut(namespace, name, second.deploymentId());
        Deployed deployed = join(deploy);

        assertThat(container().getImage()).isEqualTo("shop/web:2222222");
        assertThat(deployment().getMetadata().getGeneration()).isGreaterThan(generation);
        assertThat(deployed.url()).isEqualTo("http://" + name + "." + namespace + ".svc.cluster.local");
        assertThat(client.network().v1().ingresses().inNamespace(namespace).withName(name).get()).isNull();
        assertThat(logs.lines).anyMatch(line -> line.contains("Rollout: 1 of 1 updated, 1 available"));
    }

    @Test
    void aRolloutThatNeverBecomesAvailableIsRolledBackToThePreviousImage() throws DeployFailure {
        TestCluster.Lines logs = new TestCluster.Lines();
        Stalled stalled = stalledAfterADeploy(target(Duration.ofSeconds(2)), "shop/web:2.0.0-broken", false, logs);

        DeployFailure failure = catchThrowableOfType(DeployFailure.class, () -> join(stalled.deploy()));

        assertThat(failure.keptPrevious()).as(failure.getMessage()).isTrue();
        assertThat(failure.getMessage()).contains("did not become available within 2 s")
                .contains("Rolled back to the previous revision");
        assertThat(container().getImage()).isEqualTo("shop/web:1.0.0");
        assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autodeploy.dev/deployment-id", stalled.first().deploymentId().toString());
        assertThat(logs.lines).anyMatch(line -> line.contains("Rolled " + namespace + "/" + name + " back"));
        assertThat(variable("GREETING")).as("the previous variables are back").isEqualTo("hello");
    }

    @Test
    void progressDeadlineExceededRollsBackWithoutWaitingForTheTimeout() throws DeployFailure {
        Stalled stalled = stalledAfterADeploy(target(Duration.ofSeconds(60)), "shop/web:2.0.0", true,
                new TestCluster.Lines());

        DeployFailure failure = catchThrowableOfType(DeployFailure.class, () -> join(stalled.deploy()));

        assertThat(failure.keptPrevious()).isTrue();
        assertThat(failure.getMessage()).contains("ProgressDeadlineExceeded");
        assertThat(container().getImage()).isEqualTo("shop/web:1.0.0");
    }

    @Test
    void aFirstRolloutThatFailsHasNothingToKeepAndIsPaused() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(1));
        TargetEnvironment environment = environment(Map.of("image", "shop/web:1.0.0"));
        target.create(environment);
        DeploymentContext first = context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        TestCluster.Lines logs = new TestCluster.Lines();

        DeployFailure failure = catchThrowableOfType(DeployFailure.class,
                () -> target.deploy(first, target.build(first, logs), logs));

        assertThat(deployment()).as(failure.getMessage()).isNotNull();
        assertThat(failure.keptPrevious()).isFalse();
        assertThat(failure.retryable()).isFalse();
        assertThat(deployment().getSpec().getPaused()).isTrue();
    }

    @Test
    void anExplicitRollbackReusesTheEarlierReplicaSetsImage() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(20));
        TargetEnvironment v1 = environment(Map.of("image", "shop/web:1.0.0"));
        target.create(v1);
        DeploymentContext first = context(v1, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        deployed(target, first, new TestCluster.Lines());
        TargetEnvironment v2 = environment(Map.of("image", "shop/web:2.0.0"));
        deployed(target, context(v2, "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), new TestCluster.Lines());
        assertThat(container().getImage()).isEqualTo("shop/web:2.0.0");

        DeploymentContext rollback = context(v2, first.commitSha());
        Optional<Release> reused = target.reuse(rollback, first.deploymentId());
        assertThat(reused).hasValueSatisfying(release -> {
            assertThat(release.builtBy()).isEqualTo(first.deploymentId());
            assertThat(release.reference()).isEqualTo("shop/web:1.0.0");
            assertThat(release.attributes()).containsEntry("revision", "1");
        });
        assertThat(target.reuse(rollback, UUID.randomUUID())).isEmpty();

        CompletableFuture<Deployed> deploy = deployAsync(target, rollback, reused.get(), new TestCluster.Lines());
        new TestCluster(client).rollOut(namespace, name, rollback.deploymentId());
        join(deploy);

        assertThat(container().getImage()).isEqualTo("shop/web:1.0.0");
        assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autodeploy.dev/built-by", first.deploymentId().toString())
                .containsEntry("autodeploy.dev/deployment-id", rollback.deploymentId().toString());
    }

    @Test
    void cancelDuringTheRolloutReturnsPromptlyAndRollsBack() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofMinutes(5));
        Stalled stalled = stalledAfterADeploy(target, "shop/web:2.0.0", false, new TestCluster.Lines());

        long start = System.nanoTime();
        target.cancel(stalled.second().deploymentId());
        DeployFailure failure = catchThrowableOfType(DeployFailure.class, () -> join(stalled.deploy()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.cancelled()).isTrue();
        assertThat(container().getImage()).isEqualTo("shop/web:1.0.0");
    }

    @Test
    void destroyRemovesEverythingTheEnvironmentHas() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(20));
        TargetEnvironment environment = environment(settings("shop/web:1.0.0"));
        target.create(environment);
        deployed(target, context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), new TestCluster.Lines());
        TargetEnvironment other = new TargetEnvironment(UUID.randomUUID(), UUID.randomUUID(), slug, UUID.randomUUID(),
                "staging", Map.of("image", "shop/web:1.0.0"));
        target.create(other);
        deployed(target, context(other, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), new TestCluster.Lines());

        target.destroy(environment);
        target.destroy(environment);

        assertThat(deployment()).isNull();
        assertThat(client.services().inNamespace(namespace).withName(name).get()).isNull();
        assertThat(client.network().v1().ingresses().inNamespace(namespace).withName(name).get()).isNull();
        assertThat(client.secrets().inNamespace(namespace).withName(name + "-env").get()).isNull();
        assertThat(target.status(environment).state()).isEqualTo("stopped");
        assertThat(target.health(environment).healthy()).isFalse();
        assertThat(client.apps().deployments().inNamespace(namespace).withName(slug + "-staging").get())
                .as("another environment of the namespace").isNotNull();
        target.destroy(other);
    }

    @Test
    void anEnvironmentNamingARegisteredClusterDeploysThereIntoItsNamespace() throws DeployFailure {
        UUID providerId = UUID.randomUUID();
        String teamNamespace = "team-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesProperties properties = TestCluster.properties(Duration.ofSeconds(20), "");
        KubernetesClusters clusters = new KubernetesClusters(properties, client, (id, organizationId) -> {
            if (!id.equals(providerId)) {
                throw DeployFailure.failed("not registered");
            }
            return new CicdConnection(id, organizationId, "kubernetes", "team cluster",
                    URI.create(client.getConfiguration().getMasterUrl()), null, "team-token",
                    Map.of("namespace", teamNamespace));
        });
        KubernetesDeployTarget target = new KubernetesDeployTarget(properties, clusters,
                new ClusterCalls(ProviderCallsFixture.quick()), Clock.systemUTC());
        TargetEnvironment environment = environment(Map.of("image", "shop/web:1.0.0", "providerId",
                providerId.toString()));
        target.create(environment);
        DeploymentContext context = context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        CompletableFuture<Deployed> deploy = deployAsync(target, context, target.build(context,
                new TestCluster.Lines()), new TestCluster.Lines());
        new TestCluster(client).rollOut(teamNamespace, name, context.deploymentId());

        Deployed deployed = join(deploy);

        assertThat(deployed.attributes()).containsEntry("cluster", "team cluster")
                .containsEntry("namespace", teamNamespace);
        assertThat(client.apps().deployments().inNamespace(teamNamespace).withName(name).get()).isNotNull();
        assertThat(deployment()).as("nothing in the configured pattern's namespace").isNull();
        target.destroy(environment);
        assertThat(client.apps().deployments().inNamespace(teamNamespace).withName(name).get()).isNull();
        clusters.close();
    }

    @Test
    void aServerErrorOfTheApiIsRetried() throws DeployFailure {
        KubernetesDeployTarget target = target(Duration.ofSeconds(20));
        TargetEnvironment environment = environment(Map.of("image", "shop/web:1.0.0"));
        target.create(environment);
        server.expect().get().withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name)
                .andReturn(503, "{}").once();
        TestCluster.Lines logs = new TestCluster.Lines();

        deployed(target, context(environment, "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), logs);

        assertThat(container().getImage()).isEqualTo("shop/web:1.0.0");
    }
}
