package dev.autodeploy.support.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.autodeploy.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka wiring every application service shares: the platform's topics (and their dead-letter
 * companions) created on start-up, retry with exponential back-off then dead-letter for
 * consumers, and a health indicator.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaTopicProperties.class)
public class KafkaSupportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaSupportConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics platformTopics(KafkaTopicProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(topic(topic, properties));
            topics.add(topic(Topics.deadLetterOf(topic), properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template,
            ProducerFactory<Object, Object> producerFactory, KafkaTopicProperties properties) {
        // A record that could not be deserialized is dead-lettered as the bytes it came as: the CloudEvent
        // serializer can't write those, a byte-array one can (otherwise the record blocks its partition forever).
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        templates.put(Object.class, template);
        // Same partition on the dead-letter topic keeps one aggregate's failures in order.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(templates,
                (record, ex) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        // Said once, as a warning: otherwise a record given up on disappears into the dead-letter topic silently.
        ConsumerRecordRecoverer recoverer = (record, ex) -> {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            log.warn("Giving up on {}-{}@{} after {} attempts ({}: {}); it goes to {}", record.topic(),
                    record.partition(), record.offset(), properties.retryAttempts(), cause.getClass().getSimpleName(),
                    abbreviated(cause.getMessage()), Topics.deadLetterOf(record.topic()));
            deadLetters.accept(record, ex);
        };
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
                Math.max(0, properties.retryAttempts() - 1));
        backOff.setInitialInterval(properties.retryInitialIntervalMs());
        backOff.setMultiplier(2.0);
        return new DefaultErrorHandler(recoverer, backOff);
    }

    private static String abbreviated(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    @Bean(destroyMethod = "close")
    Admin kafkaHealthAdmin(KafkaAdmin kafkaAdmin, KafkaTopicProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.healthTimeoutMs());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.healthTimeoutMs());
        return Admin.create(config);
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin, KafkaTopicProperties properties) {
        return new KafkaHealthIndicator(kafkaHealthAdmin, properties.healthTimeoutMs());
    }
}
