package dev.autodeploy.support.membership;

import java.util.Optional;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.events.UserDeleted;
import dev.autodeploy.support.database.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies auth-service's membership facts to {@link OrganizationMembers}: a member added or re-roled,
 * a member removed, a user deleted. Each event is applied once (by event id, in the transaction of
 * the change); other events on the topic are skipped. The consumer group is the service's
 * ({@code spring.kafka.consumer.group-id}), so one replica applies each event to the shared table.
 */
public class OrganizationMembershipListener {

    static final String CONSUMER = "organization-membership";
    private static final Logger log = LoggerFactory.getLogger(OrganizationMembershipListener.class);

    private final OrganizationMembers members;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;

    public OrganizationMembershipListener(OrganizationMembers members, ProcessedEvents processed,
            TransactionTemplate transactions) {
        this.members = members;
        this.processed = processed;
        this.transactions = transactions;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.AUTH_EVENTS)
    public void on(CloudEvent<?> event) {
        switch (event.data()) {
            case OrganizationMemberChanged changed -> once(changed.eventId(), () -> apply(changed));
            case UserDeleted deleted -> once(deleted.eventId(), () -> members.forgetUser(deleted.userId()));
            default -> {
                // Registrations and provider connections say nothing about membership.
            }
        }
    }

    private void apply(OrganizationMemberChanged changed) {
        Optional<Role> role = Role.fromWire(changed.role());
        if (role.isPresent()) {
            members.grant(changed.organizationId(), changed.userId(), role.get(), changed.occurredAt());
        }
        else {
            if (changed.role() != null) {
                // Unknown to this version: treated as no access rather than guessed at.
                log.warn("Membership event {} names an unknown role; treating the user as removed", changed.eventId());
            }
            members.revoke(changed.organizationId(), changed.userId(), changed.occurredAt());
        }
    }

    private void once(java.util.UUID eventId, Runnable change) {
        transactions.executeWithoutResult(status -> {
            if (processed.firstDelivery(CONSUMER, eventId)) {
                change.run();
            }
        });
    }
}
