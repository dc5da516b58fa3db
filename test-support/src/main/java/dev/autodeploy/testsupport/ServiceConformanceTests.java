package dev.autodeploy.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.events.UserDeleted;
import dev.autodeploy.support.database.ProcessedEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every application service must do, run against the service's real application context on
 * real infrastructure: its own database created and migrated by Flyway, health reporting the
 * database and Kafka, probes, metrics, OpenAPI, problem-detail errors, the platform's topics, and
 * CloudEvents over Kafka. A service's test class extends this and adds
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
@RealInfrastructure
public abstract class ServiceConformanceTests {

    @LocalServerPort
    private int port;

    @Value("${spring.application.name}")
    private String applicationName;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Admin kafkaHealthAdmin;

    @Autowired
    private KafkaTemplate<String, CloudEvent<?>> kafkaTemplate;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumerFactory;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void healthReportsDatabaseAndKafkaUp() {
        ResponseEntity<Map<String, Object>> health = get("/actuator/health");
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP");
        Map<String, Object> components = asMap(health.getBody().get("components"));
        assertThat(asMap(components.get("db"))).containsEntry("status", "UP");
        assertThat(asMap(components.get("kafka"))).containsEntry("status", "UP");
    }

    @Test
    void livenessAndReadinessProbesAnswer() {
        assertThat(get("/actuator/health/liveness").getBody()).containsEntry("status", "UP");
        ResponseEntity<Map<String, Object>> readiness = get("/actuator/health/readiness");
        assertThat(readiness.getBody()).containsEntry("status", "UP");
        assertThat(asMap(readiness.getBody().get("components"))).containsKeys("db", "kafka", "readinessState");
    }

    @Test
    void prometheusEndpointExportsJvmAndHttpMetrics() {
        get("/actuator/health");
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName + "\"");
    }

    @Test
    void openApiDocumentIsPublished() {
        ResponseEntity<Map<String, Object>> docs = get("/v3/api-docs");
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).containsKey("openapi");
    }

    @Test
    void apiNeedsAValidAccessToken() {
        ResponseEntity<Map<String, Object>> anonymous = get("/api/v1/no-such-thing");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous.getBody()).containsEntry("type", "https://autodeploy.dev/problems/unauthorized");

        assertThat(getWithToken("/api/v1/no-such-thing", forgedAccessToken()).getStatusCode().value()).isEqualTo(401);
        // A valid token gets past security: the path simply does not exist.
        ResponseEntity<Map<String, Object>> authenticated = getWithToken("/api/v1/no-such-thing", validAccessToken());
        assertThat(authenticated.getStatusCode().value()).isEqualTo(404);
        assertThat(authenticated.getBody()).containsEntry("type", "https://autodeploy.dev/problems/not-found");
    }

    /** An access token this service accepts; services that issue their own tokens override this. */
    protected String validAccessToken() {
        return TestTokens.get().forUser(UUID.randomUUID());
    }

    /** A token that looks right but is signed by an unpublished key. */
    protected String forgedAccessToken() {
        return TestTokens.get().forgedForUser(UUID.randomUUID());
    }

    @Test
    void unknownPathAnswersProblemDetailWithRequestId() {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/no-such-thing")
                .header("X-Request-Id", "conformance-42").retrieve().toEntity(TestHttp.JSON_OBJECT);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst("X-Request-Id")).isEqualTo("conformance-42");
        assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/not-found")
                .containsEntry("status", 404).containsEntry("requestId", "conformance-42")
                .doesNotContainKey("trace");
    }

    @Test
    void serviceCreatedItsOwnDatabaseAndFlywayMigratedIt() {
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();
        assertThat(database).startsWith("adt_");
        List<Map<String, Object>> history = jdbc
                .sql("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                .query().listOfRows();
        assertThat(history).isNotEmpty().allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
        assertThat(history.getFirst().get("version")).isEqualTo("0.1");
    }

    @Test
    void redeliveredEventIsRecognised(@Autowired ProcessedEvents processed) {
        UUID eventId = UUID.randomUUID();
        assertThat(processed.firstDelivery("conformance", eventId)).isTrue();
        assertThat(processed.firstDelivery("conformance", eventId)).isFalse();
        assertThat(processed.firstDelivery("another-consumer", eventId)).isTrue();
    }

    @Test
    void platformTopicsAndDeadLetterTopicsExist() throws Exception {
        Set<String> topics = kafkaHealthAdmin.listTopics().names().get();
        for (String topic : Topics.ALL) {
            assertThat(topics).contains(topic, Topics.deadLetterOf(topic));
        }
        TopicDescription jobs = kafkaHealthAdmin.describeTopics(List.of(Topics.DEPLOYMENT_JOBS))
                .allTopicNames().get().get(Topics.DEPLOYMENT_JOBS);
        assertThat(jobs.partitions()).hasSizeGreaterThan(1);
    }

    @Test
    void cloudEventsRoundTripThroughKafka() throws Exception {
        DeploymentLogged logged = new DeploymentLogged(UUID.randomUUID(), Instant.parse("2026-11-22T10:15:30Z"),
                UUID.randomUUID(), UUID.randomUUID(), 7, "info", "build", "install", "added 120 packages");
        CloudEvent<DeploymentLogged> sent = CloudEvent.of(applicationName, logged);
        var metadata = kafkaTemplate.send(Topics.DEPLOYMENT_LOGS, logged.aggregateId(), sent).get().getRecordMetadata();

        try (Consumer<String, CloudEvent<?>> consumer = consumerFactory.createConsumer("conformance-" + UUID.randomUUID(), null)) {
            TopicPartition partition = new TopicPartition(Topics.DEPLOYMENT_LOGS, metadata.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, metadata.offset());
            ConsumerRecord<String, CloudEvent<?>> received = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (received == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == metadata.offset()) {
                        received = record;
                    }
                }
            }
            assertThat(received).as("record sent to %s", partition).isNotNull();
            assertThat(received.key()).isEqualTo(logged.deploymentId().toString());
            assertThat(received.value()).isEqualTo(sent);
            assertThat(received.value().type()).isEqualTo("dev.autodeploy.deployment.logged.v1");
        }
    }

    @Test
    void domainEventPublishedInATransactionReachesKafkaThroughTheOutbox(@Autowired ApplicationEventPublisher events,
            @Autowired PlatformTransactionManager transactionManager) throws Exception {
        UserDeleted fact = new UserDeleted(UUID.randomUUID(), Instant.now(), UUID.randomUUID());
        try (Consumer<String, CloudEvent<?>> consumer = consumerFactory.createConsumer("outbox-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUTH_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.publishEvent(fact));

            ConsumerRecord<String, CloudEvent<?>> received = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (received == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && fact.equals(record.value().data())) {
                        received = record;
                    }
                }
            }
            assertThat(received).as("outbox delivered %s", fact).isNotNull();
            assertThat(received.key()).isEqualTo(fact.userId().toString());
            assertThat(received.value().source().toString()).isEqualTo("/autodeploy/" + applicationName);
        }
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return http.get().uri(path).retrieve().toEntity(TestHttp.JSON_OBJECT);
    }

    private ResponseEntity<Map<String, Object>> getWithToken(String path, String token) {
        return http.get().uri(path).header("Authorization", "Bearer " + token).retrieve().toEntity(TestHttp.JSON_OBJECT);
    }

    /** Base URL of the service under test, for subclasses that add their own calls. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
