package dev.autodeploy.events;

import java.util.List;
import java.util.Optional;

/** The published events: CloudEvents {@code type}, record class and topic of each. */
public final class EventCatalog {

    /** One published event kind. */
    public record Entry(String type, Class<? extends DomainEvent> eventClass, String topic) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("dev.autodeploy.analysis.requested.v1", AnalysisRequested.class, Topics.ANALYSIS_REQUESTS),
            new Entry("dev.autodeploy.analysis.completed.v1", AnalysisCompleted.class, Topics.ANALYSIS_RESULTS),
            new Entry("dev.autodeploy.deployment.queued.v1", DeploymentQueued.class, Topics.DEPLOYMENT_JOBS),
            new Entry("dev.autodeploy.deployment.status-changed.v1", DeploymentStatusChanged.class,
                    Topics.DEPLOYMENT_EVENTS),
            new Entry("dev.autodeploy.deployment.logged.v1", DeploymentLogged.class, Topics.DEPLOYMENT_LOGS),
            new Entry("dev.autodeploy.auth.user-registered.v1", UserRegistered.class, Topics.AUTH_EVENTS),
            new Entry("dev.autodeploy.auth.user-deleted.v1", UserDeleted.class, Topics.AUTH_EVENTS),
            new Entry("dev.autodeploy.auth.member-changed.v1", OrganizationMemberChanged.class, Topics.AUTH_EVENTS),
            new Entry("dev.autodeploy.auth.connection-changed.v1", ProviderConnectionChanged.class,
                    Topics.AUTH_EVENTS),
            new Entry("dev.autodeploy.monitor.health-check-changed.v1", HealthCheckChanged.class,
                    Topics.MONITOR_EVENTS),
            new Entry("dev.autodeploy.audit.recorded.v1", AuditRecorded.class, Topics.AUDIT_EVENTS));

    private EventCatalog() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> byType(String type) {
        return ENTRIES.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    public static Entry of(Class<? extends DomainEvent> eventClass) {
        return ENTRIES.stream().filter(e -> e.eventClass().equals(eventClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unpublished event class " + eventClass.getName()));
    }
}
