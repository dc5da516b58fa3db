package dev.autodeploy.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The audit entries a service published for one organization, read back from {@code autodeploy.audit.events}
 * (so they went through the outbox). Tests use a fresh organization each, so everything found is theirs.
 */
public final class TestAuditEvents {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** After the expected entries arrived, how long to keep reading for a duplicate. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final ConsumerFactory<String, CloudEvent<?>> consumers;

    public TestAuditEvents(ConsumerFactory<String, CloudEvent<?>> consumers) {
        this.consumers = consumers;
    }

    /**
     * Every entry of the organization on the topic, read from the beginning until at least {@code expected} are
     * there (or the patience runs out), then a little longer so a duplicate would show.
     */
    public List<AuditRecorded> of(UUID organizationId, int expected) {
        try (Consumer<String, CloudEvent<?>> consumer = consumers.createConsumer("audit-test-" + UUID.randomUUID(),
                null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<AuditRecorded> seen = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            Instant settled = null;
            while (Instant.now().isBefore(settled != null ? settled : deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() != null && record.value().data() instanceof AuditRecorded entry
                            && organizationId.equals(entry.organizationId())) {
                        seen.add(entry);
                    }
                }
                if (settled == null && seen.size() >= expected) {
                    settled = Instant.now().plus(SETTLE);
                }
            }
            return seen;
        }
    }
}
