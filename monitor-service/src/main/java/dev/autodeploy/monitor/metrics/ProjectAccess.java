package dev.autodeploy.monitor.metrics;

import java.util.List;
import java.util.UUID;

import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.springframework.stereotype.Component;

/**
 * Who may read a project's metrics: members (any role) of the organization its deployments belong to. The
 * monitor knows a project only from its deployments; one it has none of is, to everyone, not found.
 */
@Component
class ProjectAccess {

    private final DeliveryHistory history;
    private final OrganizationAccess access;

    ProjectAccess(DeliveryHistory history, OrganizationAccess access) {
        this.history = history;
        this.access = access;
    }

    void require(UUID projectId, UUID userId) {
        List<UUID> organizations = history.organizationsOf(projectId);
        if (organizations.isEmpty()) {
            throw new MetricsProblems.ProjectNotFound();
        }
        // a project never moves between organizations; should events ever disagree, every one must admit the caller
        organizations.forEach(organization -> access.require(organization, userId, Role.VIEWER,
                MetricsProblems.ProjectNotFound::new));
    }
}
