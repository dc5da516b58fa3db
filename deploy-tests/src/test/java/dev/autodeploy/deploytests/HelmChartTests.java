package dev.autodeploy.deploytests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart in helm/autodeploy, linted and rendered with helm-java (Helm's own code, no helm binary) for
 * ci/default-values.yaml and ci/production-values.yaml, every rendered manifest parsed into fabric8's models.
 */
class HelmChartTests {

    static final List<String> COMPONENTS = List.of("discovery-server", "config-server", "gateway", "auth-service",
            "analyzer-service", "deployer-service", "monitor-service");
    /** What production scales: everything but discovery-server (one Eureka server; peers are not configured). */
    static final List<String> SCALED = COMPONENTS.subList(1, COMPONENTS.size());

    static Path chart;
    static List<HasMetadata> defaults;
    static List<HasMetadata> production;

    @BeforeAll
    static void render() {
        chart = RepositoryFiles.root().resolve("helm/autodeploy");
        defaults = manifests(template(chart.resolve("ci/default-values.yaml")));
        production = manifests(template(chart.resolve("ci/production-values.yaml")));
    }

    static String template(Path valuesFile) {
        return new Helm(chart).template().withName("autodeploy").withNamespace("autodeploy").withKubeVersion("1.30.0")
                .withValuesFile(valuesFile).call();
    }

    /** Each YAML document of a render, parsed into its fabric8 model (Deployment, Service, ...). */
    static List<HasMetadata> manifests(String rendered) {
        return Arrays.stream(rendered.split("(?m)^---\\s*$"))
                .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
                .toList();
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> manifests, Class<T> kind) {
        return manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static String component(HasMetadata resource) {
        return resource.getMetadata().getLabels().get("app.kubernetes.io/component");
    }

    /**
     * Lints the chart with a values file. helm-java's lint has no values-file option, so the file is merged into
     * the values.yaml of a copy of the chart (as Helm merges it) and the copy is linted.
     */
    static LintResult lintWith(Path valuesFile, Path workDir) throws IOException {
        Path copy = workDir.resolve("autodeploy");
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Map<String, Object> values = yaml(chart.resolve("values.yaml"));
        merge(values, yaml(valuesFile));
        Files.writeString(copy.resolve("values.yaml"), Serialization.asYaml(values));
        return new Helm(copy).lint().strict().call();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            Map<String, Object> map = Serialization.unmarshal(Files.readString(file), Map.class);
            return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(copy, (Map<String, Object>) m);
                into.put(key, copy);
            } else {
                into.put(key, value);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci/default-values.yaml", "ci/production-values.yaml"})
    void lintPassesWithEachCiValuesFile(String valuesFile, @TempDir Path workDir) throws IOException {
        LintResult result = lintWith(chart.resolve(valuesFile), workDir);

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
    }

    @Test
    void everyComponentIsRenderedAsDeploymentServiceAndServiceAccount() {
        for (List<HasMetadata> render : List.of(defaults, production)) {
            for (Class<? extends HasMetadata> kind : List.of(Deployment.class,
                    io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.ServiceAccount.class)) {
                assertThat(ofKind(render, kind)).extracting(HelmChartTests::component)
                        .as(kind.getSimpleName()).containsExactlyInAnyOrderElementsOf(COMPONENTS);
            }
        }
    }

    @Test
    void everyDeploymentProbesActuatorSetsResourcesPinsItsImageAndRunsAsNonRoot() {
        for (List<HasMetadata> render : List.of(defaults, production)) {
            for (Deployment deployment : ofKind(render, Deployment.class)) {
                String name = deployment.getMetadata().getName();
                var pod = deployment.getSpec().getTemplate().getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
                assertThat(pod.getContainers()).as(name).hasSize(1);
                Container container = pod.getContainers().getFirst();

                assertThat(path(container.getLivenessProbe().getHttpGet())).as(name).isEqualTo("/actuator/health/liveness");
                assertThat(path(container.getReadinessProbe().getHttpGet())).as(name).isEqualTo("/actuator/health/readiness");
                assertThat(path(container.getStartupProbe().getHttpGet())).as(name).isEqualTo("/actuator/health/liveness");

                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");

                String image = container.getImage();
                String tag = image.substring(image.lastIndexOf(':') + 1);
                assertThat(image).as(name).contains(":");
                assertThat(tag).as(name).isNotBlank().isNotEqualTo("latest").doesNotContain("/");

                var security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).as(name).isTrue();
                assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(container.getVolumeMounts()).as(name).anyMatch(mount -> mount.getMountPath().equals("/tmp"));

                Map<String, String> env = env(container);
                assertThat(env).as(name).containsEntry("SPRING_PROFILES_ACTIVE", "kubernetes");
            }
        }
    }

    static String path(HTTPGetAction get) {
        assertThat(get).isNotNull();
        assertThat(get.getPort().getStrVal()).isEqualTo("http");
        return get.getPath();
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(e -> e.getName(),
                e -> e.getValue() != null ? e.getValue() : "secret:" + e.getValueFrom().getSecretKeyRef().getKey()));
    }

    static Map<String, String> env(List<HasMetadata> render, String component) {
        return env(ofKind(render, Deployment.class).stream().filter(d -> component.equals(component(d))).findFirst()
                .orElseThrow().getSpec().getTemplate().getSpec().getContainers().getFirst());
    }

    @Test
    void servicesFindConfigServerEurekaAndTheirBackingServersInTheCluster() {
        for (String service : List.of("gateway", "auth-service", "analyzer-service", "deployer-service", "monitor-service")) {
            assertThat(env(production, service)).as(service)
                    .containsEntry("CONFIG_SERVER_URL", "http://autodeploy-config-server:8888")
                    .containsEntry("EUREKA_URL", "http://autodeploy-discovery-server:8761/eureka/")
                    .containsEntry("AUTH_JWKS_URL", "http://autodeploy-auth-service:8081/.well-known/jwks.json")
                    .containsEntry("REDIS_HOST", "redis-master.data.svc.cluster.local")
                    .containsEntry("REDIS_PASSWORD", "secret:redis-password");
        }
        for (String service : List.of("auth-service", "analyzer-service", "deployer-service", "monitor-service")) {
            assertThat(env(production, service)).as(service)
                    .containsEntry("DB_HOST", "postgresql.data.svc.cluster.local")
                    .containsEntry("DB_PORT", "5432")
                    .containsEntry("DB_NAME", service.substring(0, service.indexOf('-')))
                    .containsEntry("DB_PASSWORD", "secret:db-password")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "autodeploy-kafka-bootstrap.kafka.svc.cluster.local:9092")
                    .containsEntry("KAFKA_REPLICATION_FACTOR", "3");
        }
        for (String service : List.of("auth-service", "deployer-service", "monitor-service")) {
            assertThat(env(production, service)).as(service).containsEntry("TOKEN_VAULT_BACKEND", "vault")
                    .containsEntry("VAULT_ADDR", "http://vault.vault.svc.cluster.local:8200")
                    .containsEntry("VAULT_TOKEN", "secret:vault-token");
            assertThat(env(defaults, service)).as(service).containsEntry("TOKEN_VAULT_BACKEND", "local")
                    .containsEntry("TOKEN_VAULT_LOCAL_KEY", "secret:token-vault-key");
        }
        assertThat(env(production, "auth-service"))
                .containsEntry("ANALYZER_SERVICE_CLIENT_SECRET", "secret:analyzer-service-client-secret")
                .containsEntry("DEPLOYER_SERVICE_CLIENT_SECRET", "secret:deployer-service-client-secret");
        assertThat(env(production, "deployer-service"))
                .containsEntry("GITHUB_WEBHOOK_SECRET", "secret:github-webhook-secret")
                .containsEntry("GITLAB_WEBHOOK_SECRET", "secret:gitlab-webhook-secret");
        assertThat(env(production, "gateway"))
                .containsEntry("EUREKA_HEALTH_URL", "http://autodeploy-discovery-server:8761/actuator/health")
                .containsEntry("BEHIND_TRUSTED_PROXY", "true");
        assertThat(env(production, "config-server")).containsEntry("CONFIG_REPO", "file:/config-repo/")
                .containsEntry("EUREKA_URL", "http://autodeploy-discovery-server:8761/eureka/");
    }

    @Test
    void productionScalesOnCpuKeepsPodsThroughDisruptionsAndServesTheGatewayOverTls() {
        assertThat(ofKind(production, HorizontalPodAutoscaler.class)).extracting(HelmChartTests::component)
                .containsExactlyInAnyOrderElementsOf(SCALED);
        assertThat(ofKind(production, HorizontalPodAutoscaler.class)).allSatisfy(hpa ->
                assertThat(hpa.getSpec().getMetrics().getFirst().getResource().getName()).isEqualTo("cpu"));
        assertThat(ofKind(production, PodDisruptionBudget.class)).extracting(HelmChartTests::component)
                .containsExactlyInAnyOrderElementsOf(SCALED);
        assertThat(ofKind(production, Deployment.class)).filteredOn(d -> SCALED.contains(component(d)))
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).as("replicas left to the HPA").isNull());

        List<Ingress> ingresses = ofKind(production, Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.getFirst();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("autodeploy.example.com");
            assertThat(tls.getSecretName()).isEqualTo("autodeploy-tls");
        });
        assertThat(ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getBackend().getService()
                .getName()).isEqualTo("autodeploy-gateway");

        assertThat(ofKind(production, io.fabric8.kubernetes.api.model.Secret.class)).as("existingSecret is used").isEmpty();
        assertThat(ofKind(defaults, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(ofKind(defaults, PodDisruptionBudget.class)).isEmpty();
        assertThat(ofKind(defaults, Ingress.class)).isEmpty();
    }

    @Test
    void withoutAnExistingSecretTheChartMakesOneFromTheValuesAndLeavesEmptyOnesOut() {
        List<HasMetadata> render = manifests(new Helm(chart).template().withName("autodeploy").withKubeVersion("1.30.0")
                .set("secrets.dbPassword", "db-pass").set("secrets.githubWebhookSecret", "hook").call());
        var secret = ofKind(render, io.fabric8.kubernetes.api.model.Secret.class).stream().findFirst().orElseThrow();
        assertThat(secret.getMetadata().getName()).isEqualTo("autodeploy-secrets");
        assertThat(secret.getData()).containsOnlyKeys("db-password", "github-webhook-secret");
        assertThat(new String(java.util.Base64.getDecoder().decode(secret.getData().get("db-password"))))
                .isEqualTo("db-pass");
        assertThat(env(render, "deployer-service")).containsEntry("DB_PASSWORD", "secret:db-password");
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideTheRelease() {
        List<NetworkPolicy> policies = ofKind(production, NetworkPolicy.class);
        assertThat(policies).extracting(HelmChartTests::component).containsExactlyInAnyOrderElementsOf(COMPONENTS);
        for (NetworkPolicy policy : policies) {
            var rules = policy.getSpec().getIngress();
            assertThat(rules).hasSize(1);
            if (component(policy).equals("gateway")) {
                assertThat(rules.getFirst().getFrom()).as("gateway: from anywhere").isNullOrEmpty();
            } else {
                assertThat(rules.getFirst().getFrom()).as(component(policy)).isNotEmpty()
                        .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull())
                        .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                                .containsEntry("app.kubernetes.io/instance", "autodeploy")
                                .containsEntry("app.kubernetes.io/part-of", "autodeploy"));
            }
        }
    }

    @Test
    void configServerServesTheChartsCopyOfConfigRepo() throws IOException {
        var configMap = ofKind(defaults, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("autodeploy-config-server-repo")).findFirst().orElseThrow();
        Path configRepo = RepositoryFiles.root().resolve("config-repo");
        try (Stream<Path> files = Files.list(configRepo)) {
            List<Path> ymls = files.filter(f -> f.toString().endsWith(".yml")).toList();
            assertThat(configMap.getData()).hasSize(ymls.size());
            for (Path yml : ymls) {
                assertThat(configMap.getData().get(yml.getFileName().toString())).isEqualTo(Files.readString(yml));
            }
        }
    }

    @Test
    void chartsCopyOfConfigRepoIsIdenticalToConfigRepo() throws IOException {
        Path original = RepositoryFiles.root().resolve("config-repo");
        Path copy = chart.resolve("files/config-repo");
        assertThat(fileNames(copy)).as("files in helm/autodeploy/files/config-repo (copy config-repo/ there)")
                .isEqualTo(fileNames(original));
        for (String name : fileNames(original)) {
            assertThat(Files.readString(copy.resolve(name))).as(name + ": copy config-repo/ to helm/autodeploy/files/")
                    .isEqualTo(Files.readString(original.resolve(name)));
        }
    }

    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm/invalid-replicas-values.yaml", "helm/invalid-pull-policy-values.yaml"})
    void valuesViolatingTheSchemaFailTemplateAndLint(String resource, @TempDir Path workDir) throws IOException {
        Path values = Path.of("src/test/resources").resolve(resource).toAbsolutePath();

        assertThatThrownBy(() -> template(values)).hasMessageContaining("schema");
        LintResult lint = lintWith(values, workDir);
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("schema");
    }

    @Test
    void aLatestTagIsRefusedByTheSchemaAndByTheImageHelper(@TempDir Path workDir) throws IOException {
        Path latest = Files.writeString(workDir.resolve("latest.yaml"), "global:\n  image:\n    tag: latest\n");
        assertThatThrownBy(() -> template(latest)).hasMessageContaining("/global/image/tag");

        lintWith(chart.resolve("ci/default-values.yaml"), workDir);
        Path withoutSchema = workDir.resolve("autodeploy");
        Files.delete(withoutSchema.resolve("values.schema.json"));
        assertThatThrownBy(() -> new Helm(withoutSchema).template().withName("autodeploy").withKubeVersion("1.30.0")
                .set("gateway.image.tag", "latest").call())
                .hasMessageContaining("gateway.image.tag must name a release");
    }
}
