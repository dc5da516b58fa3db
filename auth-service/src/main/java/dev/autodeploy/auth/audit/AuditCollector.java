package dev.autodeploy.auth.audit;

import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Collects every service's {@link AuditRecorded} from {@code autodeploy.audit.events} into the {@link AuditLog}.
 * Its own consumer group (the service's plus {@code -audit}), so it reads every entry whatever else auth-service
 * consumes; a redelivered entry is dropped by its event id. Failures are retried and dead-lettered by the shared
 * error handler (service-support), records that are not CloudEvents go to the dead-letter topic as they came.
 */
@Component
class AuditCollector {

    static final String CONSUMER = "audit-collector";
    private static final Logger log = LoggerFactory.getLogger(AuditCollector.class);

    private final AuditLog auditLog;

    AuditCollector(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @KafkaListener(id = CONSUMER, groupId = "${spring.kafka.consumer.group-id}-audit", topics = Topics.AUDIT_EVENTS)
    void on(CloudEvent<?> event) {
        if (event.data() instanceof AuditRecorded entry) {
            if (!auditLog.append(entry)) {
                log.debug("Audit entry {} was already collected", entry.eventId());
            }
        }
    }
}
