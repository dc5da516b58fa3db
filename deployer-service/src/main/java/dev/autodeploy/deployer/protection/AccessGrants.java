package dev.autodeploy.deployer.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time-limited elevated access: an admin grants a member (a developer, typically) deploy rights on one
 * environment for 1 to 72 hours, whatever its deploy role; the grant ends by itself or when revoked. Both are
 * audited ({@code access-grant.created}, {@code access-grant.revoked}); viewers may list an environment's grants.
 */
@Service
class AccessGrants {

    private static final Logger log = LoggerFactory.getLogger(AccessGrants.class);
    private static final int MAX_HOURS = 72;
    private static final int MAX_REASON = 500;

    private final ProtectionStore store;
    private final ProjectRegistry projects;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccessGrants(ProtectionStore store, ProjectRegistry projects, OrganizationAccess access, AuditTrail audit,
            TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.projects = projects;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    ProtectionApi.GrantView grant(UUID projectId, String environmentName, ProtectionApi.CreateGrant request,
            UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.ADMIN);
        if (request.userId() == null) {
            throw new ProtectionProblems.InvalidGrant("userId is required.");
        }
        if (request.hours() == null || request.hours() < 1 || request.hours() > MAX_HOURS) {
            throw new ProtectionProblems.InvalidGrant("hours: 1 to " + MAX_HOURS + ".");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > MAX_REASON) {
            throw new ProtectionProblems.InvalidGrant("A reason (at most " + MAX_REASON + " characters) is required.");
        }
        Optional<Role> role = access.roleOf(environment.organizationId(), request.userId());
        if (role.isEmpty()) {
            throw new ProtectionProblems.InvalidGrant("The user is not a member of the project's organization.");
        }
        if (role.get() == Role.VIEWER) {
            // Deploying at all takes the developer role; a grant only lifts a member over the environment's deploy role.
            throw new ProtectionProblems.InvalidGrant("A viewer cannot deploy: make them a developer first.");
        }
        Instant now = clock.instant();
        ProtectionStore.Grant grant = new ProtectionStore.Grant(UUID.randomUUID(), environment.organizationId(),
                environment.id(), request.userId(), request.reason().strip(), userId, now,
                now.plus(Duration.ofHours(request.hours())), null, null);
        return transactions.execute(tx -> {
            store.insertGrant(grant);
            ProtectionApi.GrantView view = view(environment, grant, now);
            audit.record(environment.organizationId(), "access-grant.created", AuditTarget.of("access-grant",
                    grant.id()), null, view);
            log.info("User {} granted user {} deploy rights on environment {} until {}", userId, request.userId(),
                    environment.id(), grant.expiresAt());
            return view;
        });
    }

    List<ProtectionApi.GrantView> list(UUID projectId, String environmentName, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.VIEWER);
        Instant now = clock.instant();
        return store.grants(environment.id()).stream().map(grant -> view(environment, grant, now)).toList();
    }

    void revoke(UUID projectId, String environmentName, UUID grantId, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.ADMIN);
        transactions.executeWithoutResult(tx -> {
            ProtectionStore.Grant grant = store.lockGrant(environment.id(), grantId)
                    .orElseThrow(ProtectionProblems.GrantNotFound::new);
            if (grant.revokedAt() != null) {
                return;
            }
            Instant now = clock.instant();
            store.revokeGrant(grantId, userId, now);
            ProtectionStore.Grant revoked = store.lockGrant(environment.id(), grantId).orElseThrow();
            audit.record(environment.organizationId(), "access-grant.revoked", AuditTarget.of("access-grant", grantId),
                    view(environment, grant, now), view(environment, revoked, now));
            log.info("User {} revoked access grant {}", userId, grantId);
        });
    }

    private static ProtectionApi.GrantView view(EnvironmentSummary environment, ProtectionStore.Grant grant,
            Instant now) {
        return new ProtectionApi.GrantView(grant.id(), environment.name(), grant.userId(), grant.reason(),
                grant.grantedBy(), grant.createdAt(), grant.expiresAt(), grant.revokedAt(), grant.revokedBy(),
                grant.activeAt(now));
    }
}
