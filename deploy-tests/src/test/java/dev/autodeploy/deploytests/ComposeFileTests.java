package dev.autodeploy.deploytests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml: valid against the Compose Specification's JSON schema (vendored in
 * src/test/resources/compose/, see SOURCE.md there), and the suite's own rules — every component present, a
 * healthcheck on every long-running service, start order gated on health, pinned images, memory limits, secrets only
 * from .env (every variable it uses listed in .env.example).
 */
class ComposeFileTests {

    static final Set<String> SUITE = Set.of("postgres", "redis", "kafka", "vault", "vault-init", "discovery-server",
            "config-server", "gateway", "auth-service", "analyzer-service", "deployer-service", "monitor-service",
            "prometheus", "grafana");

    static final Map<String, Integer> SERVERS = Map.of("discovery-server", 8761, "config-server", 8888, "gateway", 8080,
            "auth-service", 8081, "analyzer-service", 8082, "deployer-service", 8083, "monitor-service", 8084);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static String text;
    private static JsonNode compose;
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        text = Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"));
        compose = parse(text);
        try (InputStream in = ComposeFileTests.class.getResourceAsStream("/compose/compose-spec.json")) {
            // The schema still names its parts with draft-04's "id" under its draft 2019-09 "$schema"; Compose ignores
            // that keyword, and so does this validator (the vendored file stays as published).
            Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
            schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(in);
        }
    }

    /** YAML as compose reads it: anchors and merge keys ({@code <<: *app}) resolved. */
    static JsonNode parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(options).load(yaml);
        return JSON.valueToTree(document);
    }

    @Test
    void isValidAgainstTheComposeSpecification() {
        List<Error> errors = schema.validate(compose);

        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatComposeWouldReject() {
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("gateway")).put("helthcheck", "typo");
        ObjectNode badPorts = compose.deepCopy();
        ((ObjectNode) badPorts.path("services").path("gateway")).put("ports", "8080:8080");

        assertThat(schema.validate(broken)).isNotEmpty();
        assertThat(schema.validate(badPorts)).isNotEmpty();
    }

    @Test
    void everyComponentOfTheSuiteIsThere() {
        assertThat(names(compose.path("services"))).containsAll(SUITE);
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndOneShotsAreMarkedSo() {
        for (String name : names(compose.path("services"))) {
            JsonNode service = compose.path("services").path(name);
            if (oneShot(service)) {
                continue;
            }
            assertThat(service.path("healthcheck").path("test").isMissingNode())
                    .as("%s has a healthcheck test", name).isFalse();
            assertThat(service.path("healthcheck").path("disable").asBoolean(false)).as(name).isFalse();
        }
        assertThat(oneShot(compose.path("services").path("vault-init"))).isTrue();
    }

    @Test
    void startOrderWaitsForHealthyDependencies() {
        for (String name : names(compose.path("services"))) {
            JsonNode dependsOn = compose.path("services").path(name).path("depends_on");
            assertThat(dependsOn.isArray()).as("%s: depends_on in the long form, with conditions", name).isFalse();
            for (String dependency : names(dependsOn)) {
                JsonNode target = compose.path("services").path(dependency);
                assertThat(target.isMissingNode()).as("%s depends on %s, which exists", name, dependency).isFalse();
                String condition = dependsOn.path(dependency).path("condition").asText();
                assertThat(condition).as("%s -> %s", name, dependency)
                        .isEqualTo(oneShot(target) ? "service_completed_successfully" : "service_healthy");
            }
        }
        // production order: infrastructure, discovery, config, auth, the other services, the gateway
        assertThat(dependencies("config-server")).contains("discovery-server");
        assertThat(dependencies("auth-service")).contains("postgres", "redis", "kafka", "vault-init", "config-server");
        for (String service : List.of("analyzer-service", "deployer-service", "monitor-service")) {
            assertThat(dependencies(service)).contains("postgres", "kafka", "config-server", "auth-service");
        }
        assertThat(dependencies("gateway")).contains("auth-service", "analyzer-service", "deployer-service", "monitor-service");
        assertThat(dependencies("grafana")).contains("prometheus");
    }

    @Test
    void everyImageIsPinnedAndEveryServerIsBuiltFromItsDockerfile() {
        for (String name : names(compose.path("services"))) {
            JsonNode service = compose.path("services").path(name);
            String image = service.path("image").asText("");
            assertThat(image).as("%s has an image", name).isNotEmpty();
            String reference = image.replaceAll("\\$\\{[A-Z_]+:-([^}]+)}", "$1");
            assertThat(reference).as("%s image %s", name, image).doesNotContain("${");
            assertThat(DockerfileRules.pinning(reference)).as("%s image %s", name, image).isNull();
        }
        for (String server : SERVERS.keySet()) {
            JsonNode build = compose.path("services").path(server).path("build");
            assertThat(build.path("context").asText()).isEqualTo(".");
            assertThat(build.path("dockerfile").asText()).isEqualTo(server + "/Dockerfile");
            assertThat(RepositoryFiles.root().resolve(server + "/Dockerfile")).exists();
        }
    }

    @Test
    void serversRunTheDockerProfileWithMemoryLimitsAndHealthOnTheirPort() {
        for (String name : names(compose.path("services"))) {
            assertThat(compose.path("services").path(name).path("deploy").path("resources").path("limits").path("memory").asText())
                    .as("%s memory limit", name).isNotEmpty();
        }
        SERVERS.forEach((server, port) -> {
            JsonNode service = compose.path("services").path(server);
            assertThat(service.path("environment").path("SPRING_PROFILES_ACTIVE").asText()).as(server).isEqualTo("docker");
            assertThat(service.path("healthcheck").path("test").toString()).as(server)
                    .contains("http://localhost:" + port + "/actuator/health");
        });
        assertThat(compose.path("services").path("config-server").path("volumes").toString())
                .contains("./config-repo:/config-repo:ro");
        assertThat(compose.path("services").path("config-server").path("environment").path("CONFIG_REPO").asText())
                .isEqualTo("file:/config-repo/");
    }

    @Test
    void stateLivesInNamedVolumes() {
        Set<String> declared = names(compose.path("volumes"));
        for (String service : List.of("postgres", "redis", "kafka", "prometheus", "grafana", "deployer-service")) {
            String volumes = compose.path("services").path(service).path("volumes").toString();
            assertThat(declared).as("%s has a named volume in %s", service, volumes)
                    .anySatisfy(volume -> assertThat(volumes).contains("\"" + volume + ":"));
        }
    }

    @Test
    void everyVariableItUsesIsInEnvExampleAndNoSecretIsWrittenInIt() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(RepositoryFiles.root().resolve(".env.example"))) {
            if (line.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                listed.add(line.substring(0, line.indexOf('=')));
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(listed).containsAll(used);
        // environment values that look like secrets must come from .env
        for (String name : names(compose.path("services"))) {
            JsonNode environment = compose.path("services").path(name).path("environment");
            for (String key : names(environment)) {
                if (key.matches(".*(PASSWORD|SECRET|TOKEN|_KEY)$") && !key.equals("VAULT_TRANSIT_KEY")) {
                    assertThat(environment.path(key).asText()).as("%s %s", name, key).startsWith("${").endsWith("}");
                }
            }
        }
        assertThat(Files.readString(RepositoryFiles.root().resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void theDockerProfileNamesTheseServices() throws IOException {
        String application = Files.readString(RepositoryFiles.root().resolve("config-repo/application.yml"));
        String gateway = Files.readString(RepositoryFiles.root().resolve("config-repo/gateway.yml"));
        Set<String> hosts = new LinkedHashSet<>();
        for (String config : List.of(application, gateway)) {
            String docker = config.substring(config.indexOf("on-profile: docker"));
            docker = docker.contains("\n---") ? docker.substring(0, docker.indexOf("\n---")) : docker;
            Matcher defaults = Pattern.compile("\\$\\{[A-Z_]+:(?:[a-z]+://)?([a-z][a-z0-9-]*)[:/}]").matcher(docker);
            while (defaults.find()) {
                hosts.add(defaults.group(1));
            }
        }

        assertThat(hosts).contains("postgres", "kafka", "redis", "discovery-server", "auth-service");
        assertThat(names(compose.path("services"))).containsAll(hosts);
    }

    @Test
    void prometheusScrapesEveryServerAndGrafanaIsProvisioned() throws IOException {
        Path deploy = RepositoryFiles.root().resolve("deploy");
        JsonNode prometheus = parse(Files.readString(deploy.resolve("prometheus/prometheus.yml")));
        JsonNode job = prometheus.path("scrape_configs").get(0);
        List<String> targets = prometheus.findValues("targets").stream()
                .flatMap(t -> t.valueStream().map(JsonNode::asText)).toList();

        assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        SERVERS.forEach((server, port) -> assertThat(targets).contains(server + ":" + port));

        JsonNode datasource = parse(Files.readString(deploy.resolve("grafana/provisioning/datasources/prometheus.yml")));
        assertThat(datasource.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = JSON.readTree(deploy.resolve("grafana/dashboards/autodeploy-overview.json").toFile());
        String queries = dashboard.path("panels").findValuesAsText("expr").toString();
        assertThat(queries).contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "autodeploy_deployment_duration_seconds", "autodeploy_deployment_status_changes_total",
                "kafka_consumer_fetch_manager_records_lag_max",
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds");
        assertThat(dashboard.path("panels").findValues("uid")).allSatisfy(uid -> assertThat(uid.asText()).isIn("prometheus"));
    }

    @Test
    void vaultAndPostgresInitCoverEveryServiceThatNeedsThem() throws IOException {
        Path deploy = RepositoryFiles.root().resolve("deploy");
        String init = Files.readString(deploy.resolve("vault/init.sh"));
        assertThat(init).contains("enable transit transit", "kv-v2", "autodeploy-auth", "autodeploy-deployer", "derived=true");
        for (String service : List.of("auth-service", "deployer-service", "monitor-service")) {
            assertThat(deploy.resolve("vault/" + service + ".hcl")).exists();
            assertThat(init).contains("token " + service + " ");
            JsonNode environment = compose.path("services").path(service).path("environment");
            assertThat(environment.path("TOKEN_VAULT_BACKEND").asText()).isEqualTo("vault");
            assertThat(environment.path("VAULT_ADDR").asText()).isEqualTo("http://vault:8200");
        }
        String databases = Files.readString(deploy.resolve("postgres/init-databases.sh"));
        for (String database : List.of("auth", "analyzer", "deployer", "monitor")) {
            assertThat(databases).contains("create " + database + " \"${" + database.toUpperCase() + "_DB_PASSWORD:-}\"");
            assertThat(compose.path("services").path(database + "-service").path("environment").path("DB_USERNAME").asText())
                    .isEqualTo(database);
        }
        assertThat(compose.path("services").path("postgres").path("volumes").toString())
                .contains("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/");
    }

    /** A service that runs once (restart "no") and is waited for with service_completed_successfully. */
    private static boolean oneShot(JsonNode service) {
        return "no".equals(service.path("restart").asText());
    }

    private static Set<String> dependencies(String service) {
        return names(compose.path("services").path(service).path("depends_on"));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
