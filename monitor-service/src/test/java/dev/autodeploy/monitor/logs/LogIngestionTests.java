package dev.autodeploy.monitor.logs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deployer's log lines stored from real Kafka into Postgres: once each, in order, bad records dead-lettered. */
class LogIngestionTests extends MonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Autowired
    private LogLineStore store;

    @Autowired
    private LogRetention retention;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumerFactory;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void linesAreStoredOnceEachInSequenceOrderWhateverTheDelivery() {
        Deployment deployment = deployment(member(Role.VIEWER));
        List<DeploymentLogged> sent = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            sent.add(deployment.log(i % 10 == 0 ? "error" : "info", "build_application", "line " + i,
                    T0.plusMillis(i)));
        }
        // redelivered lines (as after a deployer crash between publish and commit) are the same rows
        sent.subList(100, 120).forEach(this::publish);

        awaitLines(deployment.id, 250);
        List<LogLine> stored = store.after(deployment.id, 0, 1000);
        assertThat(stored).extracting(LogLine::sequence).containsExactlyElementsOf(
                sent.stream().map(DeploymentLogged::sequence).toList());
        assertThat(stored.get(11)).isEqualTo(new LogLine(deployment.id, deployment.organizationId, 12,
                T0.plusMillis(11), "info", "build", "build_application", "line 11"));
        assertThat(jdbc.sql("SELECT count(DISTINCT event_id) FROM deployment_logs WHERE deployment_id = ?")
                .param(deployment.id).query(Long.class).single()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.get("autodeploy.monitor.log.lines")
                .tag("outcome", "duplicate").counter().count()).isGreaterThanOrEqualTo(20));
    }

    @Test
    void aRecordThatIsNotALineIsDeadLetteredAndTheLinesAfterItAreStored() throws Exception {
        Deployment deployment = deployment(member(Role.VIEWER));
        deployment.log("info", "build_application", "before", T0);
        RecordMetadata garbage;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            garbage = producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_LOGS, deployment.id.toString(),
                    "{not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        }
        // a well-formed event whose level does not fit: refused, not allowed to fail the lines around it
        publish(new DeploymentLogged(UUID.randomUUID(), T0, deployment.id, deployment.organizationId, 99,
                "x".repeat(30), "build", "build_application", "too long a level"));
        deployment.log("warn", null, "after\0with a NUL", T0.plusSeconds(1));

        awaitLines(deployment.id, 2);
        assertThat(store.after(deployment.id, 0, 10)).extracting(LogLine::message, LogLine::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before", "build"),
                        org.assertj.core.groups.Tuple.tuple("after\uFFFDwith a NUL", "runtime"));
        assertThat(deadLettered(garbage)).isEqualTo("{not a cloud event");
    }

    @Test
    void retentionDeletesOnlyLinesOlderThanTheRetention() {
        Deployment deployment = deployment(member(Role.VIEWER));
        Instant now = Instant.now();
        deployment.log("info", null, "old", now.minus(Duration.ofDays(31)));
        deployment.log("info", null, "recent", now.minus(Duration.ofDays(29)));
        awaitLines(deployment.id, 2);

        retention.purge();

        assertThat(store.after(deployment.id, 0, 10)).extracting(LogLine::message).containsExactly("recent");
    }

    private void awaitLines(UUID deploymentId, long count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ?").param(deploymentId)
                .query(Long.class).single() == count);
    }

    private String deadLettered(RecordMetadata original) {
        Properties raw = new Properties();
        raw.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (Consumer<String, ?> consumer = consumerFactory.createConsumer("dlt-" + UUID.randomUUID(), null, null,
                raw)) {
            TopicPartition partition = new TopicPartition(Topics.deadLetterOf(Topics.DEPLOYMENT_LOGS),
                    original.partition());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(500))) {
                    byte[] value = (byte[]) record.value();
                    String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
                    if ("{not a cloud event".equals(text)) {
                        return text;
                    }
                }
            }
            return null;
        }
    }
}
