package dev.autodeploy.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.EventCatalog;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.testsupport.TestMemberships;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * What the monitor's integration tests share — one application context on real Postgres, Redis and Kafka: the
 * deployer's events and log lines published on Kafka as deployer-service publishes them ({@link Deployment}),
 * organization members made through real membership events, an API client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class MonitorTest {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = TestHttp.JSON_OBJECT;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaTemplate<String, CloudEvent<?>> kafka;

    @Autowired
    private OrganizationAccess access;

    protected TestMemberships memberships;

    private RestClient http;

    /** A person in an organization, with an access token. */
    public record Member(UUID organizationId, UUID userId, String token) {
    }

    @BeforeEach
    void monitorClient() {
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

    protected Member stranger() {
        UUID userId = UUID.randomUUID();
        return new Member(UUID.randomUUID(), userId, TestTokens.get().forUser(userId));
    }

    /** Publishes a deployer event as deployer-service would (CloudEvent on its topic, keyed by aggregate id). */
    protected void publish(DomainEvent event) {
        kafka.send(EventCatalog.of(event.getClass()).topic(), event.aggregateId(), CloudEvent.of("deployer-service",
                event)).join();
    }

    /**
     * A deployment as the deployer publishes it: {@link #status} and {@link #step} changes and {@link #log} lines,
     * each with the time given (events of one deployment must be published in order, as the deployer does).
     */
    protected final class Deployment {

        public final UUID id = UUID.randomUUID();
        public final UUID organizationId;
        public final UUID projectId;
        public final UUID environmentId;
        public final String environment;
        public String action = "deploy";
        public UUID parentId;
        public String commitSha = UUID.randomUUID().toString().replace("-", "") + "00000000";
        public Instant commitTime;
        public String target = "local";
        public String url;
        public Instant createdAt;
        private String status;
        private long sequence;

        public Deployment(UUID organizationId, UUID projectId, UUID environmentId, String environment) {
            this.organizationId = organizationId;
            this.projectId = projectId;
            this.environmentId = environmentId;
            this.environment = environment;
        }

        public Deployment status(String next, Instant at) {
            return status(next, null, at);
        }

        public Deployment status(String next, String reason, Instant at) {
            if (createdAt == null) {
                createdAt = at;
            }
            publish(changed(null, status, next, reason, at));
            status = next;
            return this;
        }

        public Deployment step(String step, String previous, String next, Instant at) {
            publish(changed(step, previous, next, null, at));
            return this;
        }

        public DeploymentLogged log(String level, String step, String message, Instant at) {
            DeploymentLogged line = new DeploymentLogged(UUID.randomUUID(), at, id, organizationId, ++sequence, level,
                    step == null ? "runtime" : "build", step, message);
            publish(line);
            return line;
        }

        private DeploymentStatusChanged changed(String step, String previous, String next, String reason, Instant at) {
            return new DeploymentStatusChanged(UUID.randomUUID(), at, id, projectId, organizationId, environment, step,
                    previous, next, reason, environmentId, action, parentId, commitSha, commitTime, target, url,
                    createdAt);
        }
    }

    /** A new deployment of a new project's production environment in {@code member}'s organization. */
    protected Deployment deployment(Member member) {
        return new Deployment(member.organizationId(), UUID.randomUUID(), UUID.randomUUID(), "production");
    }

    /** Waits until the monitor knows the deployment in {@code status}. */
    protected void awaitKnown(UUID deploymentId, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployments WHERE id = ? AND status = ?").params(deploymentId, status)
                .query(Long.class).single() == 1);
    }

    protected ResponseEntity<Map<String, Object>> get(String path, Member caller) {
        return call(HttpMethod.GET, path, null, caller).toEntity(JSON);
    }

    protected ResponseEntity<Map<String, Object>> post(String path, Object body, Member caller) {
        return call(HttpMethod.POST, path, body, caller).toEntity(JSON);
    }

    protected RestClient.ResponseSpec call(HttpMethod method, String path, Object body, Member caller) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve();
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
