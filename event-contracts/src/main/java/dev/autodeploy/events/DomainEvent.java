package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact one service records and others may react to. Implementations are records named in the
 * past tense; {@link EventCatalog} maps each to its CloudEvents {@code type} and topic.
 */
public sealed interface DomainEvent
        permits AnalysisRequested, AnalysisCompleted, DeploymentQueued, DeploymentStatusChanged, DeploymentLogged,
        UserRegistered, UserDeleted, OrganizationMemberChanged, ProviderConnectionChanged, HealthCheckChanged,
        AuditRecorded {

    /** Unique per fact; consumers drop a second delivery with the same id. */
    UUID eventId();

    Instant occurredAt();

    /** Id of the aggregate the fact is about; the Kafka key, so one aggregate's events stay ordered. */
    String aggregateId();
}
