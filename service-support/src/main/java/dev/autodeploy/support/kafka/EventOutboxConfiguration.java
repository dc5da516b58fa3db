package dev.autodeploy.support.kafka;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.EventCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Sends every {@link DomainEvent} a service publishes (with Spring's {@code ApplicationEventPublisher},
 * inside the transaction of the change) to its Kafka topic as a CloudEvent keyed by aggregate id.
 * Spring Modulith's publication registry is the outbox: the event is stored with the change and
 * sent after the commit, and resent after a crash or while Kafka was down.
 */
// Before Boot's task execution: its AsyncConfigurer steps aside only for one that already exists.
@AutoConfiguration(beforeName = {
        "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
        "org.springframework.modulith.events.kafka.KafkaEventExternalizerConfiguration",
        "org.springframework.modulith.events.kafka.KafkaJacksonConfiguration" })
@EnableConfigurationProperties(OutboxProperties.class)
public class EventOutboxConfiguration {

    /**
     * Hands records to Kafka as they are: the CloudEvent serializer configured on the producer writes
     * them. (Without this bean Spring Modulith would install a JSON converter that turns the payload
     * into bytes first, bypassing our envelope format.)
     */
    @Bean
    RecordMessageConverter kafkaRecordMessageConverter() {
        return new MessagingMessageConverter();
    }

    @Bean
    EventExternalizationConfiguration eventExternalization(@Value("${spring.application.name}") String service) {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof DomainEvent)
                .route(DomainEvent.class, event -> RoutingTarget.forTarget(EventCatalog.of(event.getClass()).topic())
                        .andKey(event.aggregateId()))
                .mapping(DomainEvent.class, event -> CloudEvent.of(service, event))
                .build();
    }

    /** Externalization on one thread, in commit order (see {@link OrderedOutboxExecutor}). */
    @Bean
    OrderedOutboxExecutor orderedOutboxExecutor() {
        return new OrderedOutboxExecutor();
    }

    @Bean
    OutboxResubmission outboxResubmission(ObjectProvider<IncompleteEventPublications> publications,
            OutboxProperties properties) {
        return new OutboxResubmission(publications, properties.resubmitInterval(), properties.resubmitOlderThan());
    }
}
