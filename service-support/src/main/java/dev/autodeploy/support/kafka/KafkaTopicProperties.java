package dev.autodeploy.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic layout and consumer retry policy of the platform's Kafka topics.
 *
 * @param partitions partitions of each topic (deployments are keyed by id, so this bounds consumer parallelism)
 * @param replicationFactor replicas of each partition; 1 for a single local broker, 3 in production
 * @param retryAttempts deliveries of a failing record before it is dead-lettered
 * @param retryInitialIntervalMs first back-off, doubled at every further attempt
 * @param healthTimeoutMs how long the health check waits for the cluster to answer
 */
@ConfigurationProperties("autodeploy.kafka")
public record KafkaTopicProperties(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts, @DefaultValue("2000") long retryInitialIntervalMs,
        @DefaultValue("3000") long healthTimeoutMs) {
}
