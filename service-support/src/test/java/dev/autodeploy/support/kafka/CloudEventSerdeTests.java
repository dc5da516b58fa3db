package dev.autodeploy.support.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.AnalysisCompleted;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.EventCatalog;
import dev.autodeploy.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventSerdeTests {

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    private final DeploymentStatusChanged changed = new DeploymentStatusChanged(UUID.randomUUID(),
            Instant.parse("2026-11-22T10:15:30.123Z"), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            "production", null, "building", "deploying", null, UUID.randomUUID(), "deploy", null, "a1b2c3d4", null,
            "local", null, Instant.parse("2026-11-22T10:14:00Z"));

    @Test
    void writesStructuredModeCloudEvent() {
        String json = new String(serializer.serialize(Topics.DEPLOYMENT_EVENTS, CloudEvent.of("deployer-service", changed)),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"specversion\":\"1.0\"")
                .contains("\"id\":\"" + changed.eventId() + "\"")
                .contains("\"source\":\"/autodeploy/deployer-service\"")
                .contains("\"type\":\"dev.autodeploy.deployment.status-changed.v1\"")
                .contains("\"subject\":\"" + changed.deploymentId() + "\"")
                .contains("\"time\":\"2026-11-22T10:15:30.123Z\"")
                .contains("\"status\":\"deploying\"");
    }

    @Test
    void readsBackTheSameEventWithItsRecordType() {
        CloudEvent<DeploymentStatusChanged> sent = CloudEvent.of("deployer-service", changed);
        CloudEvent<?> received = deserializer.deserialize(Topics.DEPLOYMENT_EVENTS,
                serializer.serialize(Topics.DEPLOYMENT_EVENTS, sent));
        assertThat(received).isEqualTo(sent);
        assertThat(received.data()).isInstanceOf(DeploymentStatusChanged.class);
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String json = """
                {"specversion":"1.0","id":"%s","source":"/autodeploy/analyzer-service",
                 "type":"dev.autodeploy.analysis.completed.v1","subject":"r","time":"2026-11-22T10:00:00Z",
                 "datacontenttype":"application/json","newEnvelopeField":1,
                 "data":{"eventId":"%s","occurredAt":"2026-11-22T10:00:00Z","analysisId":"%s","repositoryId":"%s",
                 "organizationId":"%s","commitSha":"abc","outcome":"succeeded","framework":"nextjs",
                 "buildConfiguration":{"buildCommand":"npm run build"},"failureReason":null,"newDataField":"x"}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        CloudEvent<?> event = deserializer.deserialize(Topics.ANALYSIS_RESULTS, json.getBytes(StandardCharsets.UTF_8));
        assertThat(event.data()).isInstanceOfSatisfying(AnalysisCompleted.class, completed -> {
            assertThat(completed.framework()).isEqualTo("nextjs");
            assertThat(completed.buildConfiguration()).isEqualTo(Map.of("buildCommand", "npm run build"));
        });
    }

    @Test
    void rejectsUnknownTypeAndMalformedEnvelopesSoTheyAreDeadLettered() {
        String unknown = """
                {"specversion":"1.0","id":"1","source":"/x","type":"dev.autodeploy.nope.v1","time":"2026-11-22T10:00:00Z","data":{}}""";
        assertThatThrownBy(() -> deserializer.deserialize("t", unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown event type");
        String wrongVersion = unknown.replace("\"1.0\"", "\"0.3\"");
        assertThatThrownBy(() -> deserializer.deserialize("t", wrongVersion.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> deserializer.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void everyEventRecordIsInTheCatalog() {
        for (Class<?> permitted : DomainEvent.class.getPermittedSubclasses()) {
            assertThat(EventCatalog.of(permitted.asSubclass(DomainEvent.class)).eventClass()).isEqualTo(permitted);
        }
    }

    @Test
    void everyCatalogEntryHasAUniqueTypeAndAPlatformTopic() {
        assertThat(EventCatalog.entries()).extracting(EventCatalog.Entry::type).doesNotHaveDuplicates();
        assertThat(EventCatalog.entries()).allSatisfy(entry -> assertThat(Topics.ALL).contains(entry.topic()));
    }
}
