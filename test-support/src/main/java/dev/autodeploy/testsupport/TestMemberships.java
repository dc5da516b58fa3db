package dev.autodeploy.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.UserDeleted;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Organization membership for tests of resource services, as auth-service would publish it: real
 * {@code OrganizationMemberChanged} / {@code UserDeleted} events sent to Kafka, then waiting until the
 * service's projection ({@link OrganizationAccess}) shows the change.
 */
public final class TestMemberships {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaTemplate<String, CloudEvent<?>> kafka;
    private final OrganizationAccess access;

    public TestMemberships(KafkaTemplate<String, CloudEvent<?>> kafka, OrganizationAccess access) {
        this.kafka = kafka;
        this.access = access;
    }

    /** Makes the user a member with {@code role} (or changes the role) and waits until the service knows. */
    public void grant(UUID organizationId, UUID userId, Role role) {
        String previous = access.roleOf(organizationId, userId).map(Role::wire).orElse(null);
        send(new OrganizationMemberChanged(UUID.randomUUID(), Instant.now(), organizationId, userId, previous, role.wire()));
        await().atMost(PATIENCE).until(() -> access.roleOf(organizationId, userId).equals(Optional.of(role)));
    }

    /** Removes the member and waits until the service knows. */
    public void remove(UUID organizationId, UUID userId) {
        String previous = access.roleOf(organizationId, userId).map(Role::wire).orElse(null);
        send(new OrganizationMemberChanged(UUID.randomUUID(), Instant.now(), organizationId, userId, previous, null));
        await().atMost(PATIENCE).until(() -> access.roleOf(organizationId, userId).isEmpty());
    }

    /** Publishes any event on its topic, as its owner would (CloudEvent, keyed by aggregate id). */
    public void send(DomainEvent event) {
        kafka.send(dev.autodeploy.events.EventCatalog.of(event.getClass()).topic(), event.aggregateId(),
                CloudEvent.of("auth-service", event)).join();
    }

    /** Deletes the user (all memberships) and waits until the service knows of the one given. */
    public void deleteUser(UUID userId, UUID someOrganizationId) {
        send(new UserDeleted(UUID.randomUUID(), Instant.now(), userId));
        await().atMost(PATIENCE).until(() -> access.roleOf(someOrganizationId, userId).isEmpty());
    }
}
