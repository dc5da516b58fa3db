package dev.autodeploy.monitor.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.HealthCheckChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.database.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns deployment status events and health check changes into deliveries to the project's matching channels
 * ({@link NotificationEvents} says which events they are), written in the transaction that marks the event
 * processed: each event once, and nothing lost while a receiver is down — {@link NotificationSender} sends them.
 * Its own consumer group, so it sees every event besides the deployment projection's consumer.
 */
@Component
class NotificationEventsListener {

    static final String DEPLOYMENT_CONSUMER = "notification-deployment-events";
    static final String HEALTH_CONSUMER = "notification-health-events";

    private static final Logger log = LoggerFactory.getLogger(NotificationEventsListener.class);

    private final NotificationChannels channels;
    private final NotificationDeliveries deliveries;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    NotificationEventsListener(NotificationChannels channels, NotificationDeliveries deliveries,
            ProcessedEvents processed, TransactionTemplate transactions, NotificationProperties properties,
            JsonMapper json, Clock clock) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.processed = processed;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(id = DEPLOYMENT_CONSUMER, groupId = "${spring.kafka.consumer.group-id}-notifications",
            topics = Topics.DEPLOYMENT_EVENTS)
    void onDeploymentEvent(CloudEvent<?> event) {
        if (!(event.data() instanceof DeploymentStatusChanged changed)) {
            return;
        }
        List<NotificationEvent> events = NotificationEvents.of(changed);
        if (events.isEmpty()) {
            return;
        }
        Notification template = new Notification(null, changed.occurredAt(), changed.organizationId(),
                changed.projectId(), changed.deploymentId(), changed.environment(), changed.status(),
                changed.commitSha(), changed.url(), changed.reason(),
                properties.deploymentLink(changed.deploymentId()));
        enqueue(DEPLOYMENT_CONSUMER, changed.eventId(), events, template);
    }

    @KafkaListener(id = HEALTH_CONSUMER, groupId = "${spring.kafka.consumer.group-id}-notifications",
            topics = Topics.MONITOR_EVENTS)
    void onMonitorEvent(CloudEvent<?> event) {
        if (!(event.data() instanceof HealthCheckChanged changed)) {
            return;
        }
        List<NotificationEvent> events = NotificationEvents.of(changed);
        if (events.isEmpty()) {
            return;
        }
        Notification template = new Notification(null, changed.occurredAt(), changed.organizationId(),
                changed.projectId(), changed.deploymentId(), changed.environment(), changed.state(), null,
                changed.url(), changed.reason(), properties.deploymentLink(changed.deploymentId()));
        enqueue(HEALTH_CONSUMER, changed.eventId(), events, template);
    }

    private void enqueue(String consumer, UUID eventId, List<NotificationEvent> events, Notification template) {
        if (template.organizationId() == null || template.projectId() == null) {
            return;
        }
        Integer added = transactions.execute(status -> {
            if (!processed.firstDelivery(consumer, eventId)) {
                return 0;
            }
            Instant now = clock.instant();
            int count = 0;
            for (NotificationEvent event : events) {
                Notification notification = new Notification(event.wire(), template.occurredAt(),
                        template.organizationId(), template.projectId(), template.deploymentId(),
                        template.environment(), template.status(), template.commitSha(), template.url(),
                        template.reason(), template.dashboardUrl());
                String payload = json.writeValueAsString(notification);
                for (NotificationChannel channel : channels.matching(template.organizationId(),
                        template.projectId(), event.wire(), template.environment())) {
                    if (deliveries.add(UUID.randomUUID(), channel.id(), event.wire(), eventId,
                            template.deploymentId(), payload, now)) {
                        count++;
                    }
                }
            }
            return count;
        });
        if (added != null && added > 0) {
            log.debug("Event {} queued {} notification(s)", eventId, added);
        }
    }
}
