package dev.autodeploy.monitor.deployment;

import java.util.Optional;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.database.ProcessedEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the deployer's status events to {@link DeploymentRecords}, each once (by event id, in the transaction of
 * the change), in the service's consumer group (one replica per partition, so per deployment), and then tells the
 * service's features with a {@link DeploymentChanged}.
 */
@Component
class DeploymentEventsListener {

    static final String CONSUMER = "deployment-events";

    private final DeploymentRecords records;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    DeploymentEventsListener(DeploymentRecords records, ProcessedEvents processed, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.records = records;
        this.processed = processed;
        this.transactions = transactions;
        this.events = events;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.DEPLOYMENT_EVENTS)
    void on(CloudEvent<?> event) {
        if (!(event.data() instanceof DeploymentStatusChanged changed)) {
            return;
        }
        Optional<DeploymentRecord> applied = transactions.execute(status -> processed.firstDelivery(CONSUMER,
                changed.eventId()) ? records.apply(changed) : Optional.<DeploymentRecord>empty());
        applied.ifPresent(deployment -> events.publishEvent(new DeploymentChanged(deployment, changed)));
    }
}
