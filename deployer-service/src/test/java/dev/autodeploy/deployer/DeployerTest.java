package dev.autodeploy.deployer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import dev.autodeploy.events.AnalysisCompleted;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestGitRemote;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.testsupport.TestMemberships;
import dev.autodeploy.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the deployer's integration tests share — one application context on real Postgres, Redis and Kafka with
 * the real local target (apps really built and run as processes), timings shortened so crashes, back-offs and
 * sweeps happen within seconds, {@code file://} repositories made on disk, analyses announced as the analyzer
 * would (real {@code AnalysisCompleted} events), organization members made through real membership events, an
 * API client, and the CI-callback test target.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(CallbackTestTarget.Configuration.class)
public abstract class DeployerTest {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = TestHttp.JSON_OBJECT;
    protected static final Set<String> FINISHED = Set.of("ready", "error", "cancelled");
    private static final Path WORK = temporaryDirectory("deployer-work-");
    private static final Path REPOSITORIES = temporaryDirectory("deployer-repositories-");

    @DynamicPropertySource
    static void deployerUnderTest(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.deployer.work-directory", WORK::toString);
        registry.add("autodeploy.git.allow-file-urls", () -> "true");
        registry.add("autodeploy.deployer.deployments.lease", () -> "3s");
        registry.add("autodeploy.deployer.deployments.heartbeat", () -> "300ms");
        registry.add("autodeploy.deployer.deployments.sweep-interval", () -> "500ms");
        registry.add("autodeploy.deployer.deployments.wake-grace", () -> "2s");
        registry.add("autodeploy.deployer.deployments.backoff-initial", () -> "1s");
        registry.add("autodeploy.deployer.local.watch-period", () -> "1s");
        registry.add("autodeploy.deployer.local.health-check-interval", () -> "100ms");
        registry.add("autodeploy.deployer.local.start-timeout", () -> "20s");
        registry.add("autodeploy.deployer.local.stop-grace", () -> "2s");
        registry.add("autodeploy.deployer.local.keep-releases", () -> "3");
        registry.add("autodeploy.deployer.logs.flush-interval", () -> "100ms");
        // CI/CD providers in these tests are WireMock servers and mock API servers on this machine
        registry.add("autodeploy.deployer.cicd.allow-internal-addresses", () -> "true");
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaTemplate<String, CloudEvent<?>> kafka;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumers;

    @Autowired
    private OrganizationAccess access;

    protected TestMemberships memberships;

    private RestClient http;


    /** A person in an organization, with an access token. */
    public record Member(UUID organizationId, UUID userId, String token) {
    }

    @BeforeEach
    void deployerClient() {
        http = TestHttp.client(port);
        memberships = new TestMemberships(kafka, access);
    }

    protected Member member(Role role) {
        return member(UUID.randomUUID(), role);
    }

    protected Member member(UUID organizationId, Role role) {
        UUID userId = UUID.randomUUID();
        memberships.grant(organizationId, userId, role);
        return new Member(organizationId, userId, TestTokens.get().forUser(userId));
    }

    /** Someone with a valid token who belongs to no organization. */
    protected Member stranger() {
        UUID userId = UUID.randomUUID();
        return new Member(UUID.randomUUID(), userId, TestTokens.get().forUser(userId));
    }

    /** A new Git repository for this test. */
    protected TestGitRemote repository() {
        return TestGitRemote.create(temporaryDirectory(REPOSITORIES, "repo-"), "main");
    }

    /**
     * Announces an analysis of the repository's commit, as analyzer-service would, and waits until the deployer
     * knows it; returns the repository id.
     */
    protected UUID analyzed(Member member, TestGitRemote repository, String commit, Map<String, String> build) {
        UUID repositoryId = UUID.randomUUID();
        announce(new AnalysisCompleted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), repositoryId,
                member.organizationId(), commit, "succeeded", "node", build, null, repository.fileUrl(), "main", ""));
        return repositoryId;
    }

    protected void announce(AnalysisCompleted analysis) {
        kafka.send(Topics.ANALYSIS_RESULTS, analysis.aggregateId(), CloudEvent.of("analyzer-service", analysis)).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM repository_analyses WHERE repository_id = ? AND analysis_id = ?")
                .params(analysis.repositoryId(), analysis.analysisId()).query(Long.class).single() == 1
                || jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(analysis.eventId())
                        .query(Long.class).single() == 1);
    }

    /** A project made by {@code member} from the repository, analyzed at {@code commit}. */
    protected Map<String, Object> project(Member member, TestGitRemote repository, String commit,
            Map<String, String> build) {
        UUID repositoryId = analyzed(member, repository, commit, build);
        ResponseEntity<Map<String, Object>> created = post("/api/v1/projects",
                Map.of("organizationId", member.organizationId(), "repositoryId", repositoryId,
                        "name", "app " + UUID.randomUUID().toString().substring(0, 8)), member);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return created.getBody();
    }

    /** Deploys the environment's branch head; asserts it was queued. */
    protected Map<String, Object> deploy(Member member, Object projectId, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> queued = post("/api/v1/projects/" + projectId + "/deployments", body,
                member);
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(201);
        assertThat(queued.getBody()).containsEntry("status", "queued");
        return queued.getBody();
    }

    /** Deploys the production environment's branch head and waits until it is ready; returns the deployment. */
    protected Map<String, Object> deployed(Member member, Object projectId) {
        return awaitStatus(member, deploy(member, projectId, Map.of()).get("id"), "ready");
    }

    /** Waits until the deployment has finished (or reached {@code status}); returns it. */
    protected Map<String, Object> awaitStatus(Member member, Object deploymentId, String status) {
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = get("/api/v1/deployments/" + deploymentId, member).getBody();
            Object now = last[0].get("status");
            if (FINISHED.contains(now) && !status.equals(now)) {
                throw new AssertionError("Deployment ended " + now + " instead of " + status + ": "
                        + last[0].get("statusReason") + " " + last[0].get("steps"));
            }
            return status.equals(now);
        });
        return last[0];
    }

    protected Map<String, Object> awaitFinished(Member member, Object deploymentId) {
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = get("/api/v1/deployments/" + deploymentId, member).getBody();
            return FINISHED.contains(last[0].get("status"));
        });
        return last[0];
    }

    /** GET on a deployed app: status and body ("" and -1 when nothing answers). */
    protected record AppResponse(int status, String body) {
    }

    /** Each on a new connection, as a visitor opening the URL would. */
    protected AppResponse app(String url) {
        try (HttpClient apps = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = apps.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new AppResponse(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            return new AppResponse(-1, "");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new AppResponse(-1, "");
        }
    }

    /** The records a topic has so far whose value matches, read from the start with a consumer of its own. */
    protected List<CloudEvent<?>> events(String topic, Predicate<CloudEvent<?>> wanted) {
        List<CloudEvent<?>> found = new ArrayList<>();
        Properties overrides = new Properties();
        overrides.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<String, CloudEvent<?>> consumer = consumers.createConsumer("test-" + UUID.randomUUID(), "",
                null, overrides)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> position = new HashMap<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && wanted.test(record.value())) {
                        found.add(record.value());
                    }
                }
                partitions.forEach(partition -> position.put(partition, consumer.position(partition)));
                if (partitions.stream().allMatch(partition -> position.get(partition) >= end.get(partition))) {
                    break;
                }
            }
        }
        return found;
    }

    protected ResponseEntity<Map<String, Object>> get(String path, Member caller) {
        return call(HttpMethod.GET, path, null, caller).toEntity(JSON);
    }

    protected ResponseEntity<Map<String, Object>> post(String path, Object body, Member caller) {
        return call(HttpMethod.POST, path, body, caller).toEntity(JSON);
    }

    protected ResponseEntity<Map<String, Object>> put(String path, Object body, Member caller) {
        return call(HttpMethod.PUT, path, body, caller).toEntity(JSON);
    }

    protected int delete(String path, Member caller) {
        return call(HttpMethod.DELETE, path, null, caller).toBodilessEntity().getStatusCode().value();
    }

    protected RestClient.ResponseSpec call(HttpMethod method, String path, Object body, Member caller) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (body instanceof String text) {
            request.contentType(MediaType.TEXT_PLAIN).body(text);
        }
        else if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve();
    }

    protected RestClient http() {
        return http;
    }

    protected long count(String sql, Object... parameters) {
        return jdbc.sql(sql).params(parameters).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** The step of a deployment view by name. */
    protected static Map<String, Object> step(Map<String, Object> deployment, String name) {
        return list(deployment.get("steps")).stream().filter(step -> name.equals(step.get("name"))).findFirst()
                .orElseThrow();
    }

    /** The production environment's URL of a project as the API shows it. */
    protected String url(Member member, Object projectId) {
        return (String) list(get("/api/v1/projects/" + projectId, member).getBody().get("environments")).getFirst()
                .get("url");
    }

    protected static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                }
                catch (IOException ex) {
                    // left in the temporary directory
                }
            }));
            return directory;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    protected static Path temporaryDirectory(Path parent, String prefix) {
        try {
            return Files.createTempDirectory(parent, prefix);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
