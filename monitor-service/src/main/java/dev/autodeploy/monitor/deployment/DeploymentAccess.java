package dev.autodeploy.monitor.deployment;

import java.util.UUID;

import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may see a deployment's logs, status and streams: members of its organization (any role). Everyone else —
 * and anyone asking about a deployment the monitor has not heard of yet — is told it does not exist.
 */
@Component
public class DeploymentAccess {

    private final DeploymentRecords records;
    private final OrganizationAccess access;

    DeploymentAccess(DeploymentRecords records, OrganizationAccess access) {
        this.records = records;
        this.access = access;
    }

    public DeploymentRecord require(UUID deploymentId, UUID userId) {
        DeploymentRecord deployment = records.find(deploymentId).orElseThrow(DeploymentNotFound::new);
        access.require(deployment.organizationId(), userId, Role.VIEWER, DeploymentNotFound::new);
        return deployment;
    }

    /** Also the answer about another organization's deployment. */
    public static final class DeploymentNotFound extends ApiException {
        public DeploymentNotFound() {
            super(HttpStatus.NOT_FOUND, "deployment-not-found", "No such deployment.");
        }
    }
}
