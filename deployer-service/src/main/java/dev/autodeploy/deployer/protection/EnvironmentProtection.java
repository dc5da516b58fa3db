package dev.autodeploy.deployer.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.DeploymentGuard;
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
 * Each environment's protection: reads and changes its settings (viewers read, admins change, audited as
 * {@code environment.protection-changed}), and is the {@link DeploymentGuard} every deployment creation path
 * asks — the caller's role against the environment's deploy role (an active elevated access grant makes up for
 * it, and the deployment records which), the branch against the allowed patterns, the freeze windows (an explicit
 * rollback passes when the environment allows it), and whether the deployment waits for approvals.
 */
@Service
class EnvironmentProtection implements DeploymentGuard {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentProtection.class);

    private final ProtectionStore store;
    private final ProjectRegistry projects;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EnvironmentProtection(ProtectionStore store, ProjectRegistry projects, OrganizationAccess access, AuditTrail audit,
            TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.projects = projects;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ settings

    ProtectionApi.ProtectionView get(UUID projectId, String environmentName, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.VIEWER);
        return view(environment);
    }

    ProtectionApi.ProtectionView put(UUID projectId, String environmentName, ProtectionApi.ProtectionSettings settings,
            UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.ADMIN);
        Protection protection = Protection.of(settings);
        return transactions.execute(tx -> {
            store.lockEnvironment(environment.id());
            ProtectionApi.ProtectionView before = view(environment);
            Instant now = clock.instant();
            store.save(environment.id(), environment.organizationId(), protection, userId, now);
            ProtectionApi.ProtectionView after = view(environment);
            audit.record(environment.organizationId(), "environment.protection-changed",
                    AuditTarget.of("environment", environment.id()), auditable(before), auditable(after));
            log.info("User {} changed the protection of environment {}", userId, environment.id());
            return after;
        });
    }

    private ProtectionApi.ProtectionView view(EnvironmentSummary environment) {
        Instant now = clock.instant();
        return store.protection(environment.id())
                .map(stored -> stored.protection().view(environment.name(), now, stored.updatedBy(),
                        stored.updatedAt()))
                .orElseGet(() -> Protection.DEFAULT.view(environment.name(), now, null, null));
    }

    /** The settings only: what is in force now changes with the clock, not with the change. */
    private static Map<String, Object> auditable(ProtectionApi.ProtectionView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("allowedBranches", view.allowedBranches());
        fields.put("deployRole", view.deployRole());
        fields.put("requiredApprovals", view.requiredApprovals());
        fields.put("approverRole", view.approverRole());
        fields.put("approvalTimeout", view.approvalTimeout());
        fields.put("freezeWindows", view.freezeWindows());
        fields.put("recurringFreezeWindows", view.recurringFreezeWindows());
        fields.put("allowRollbackDuringFreeze", view.allowRollbackDuringFreeze());
        return fields;
    }

    Protection protectionOf(UUID environmentId) {
        return store.protection(environmentId).map(ProtectionStore.Stored::protection).orElse(Protection.DEFAULT);
    }

    // ------------------------------------------------------------------ the guard

    /** No transaction of its own: a refusal must not mark the caller's (a webhook delivery's) for rollback. */
    @Override
    public Clearance clear(Attempt attempt) {
        EnvironmentSummary environment = attempt.environment();
        Protection protection = protectionOf(environment.id());
        Instant now = clock.instant();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (attempt.userId() != null) {
            Optional<Role> role = access.roleOf(environment.organizationId(), attempt.userId());
            if (role.isEmpty() || !role.get().atLeast(protection.deployRole())) {
                ProtectionStore.Grant grant = store.activeGrant(environment.id(), attempt.userId(), now)
                        .orElseThrow(() -> new ProtectionProblems.InsufficientRole(environment.name(),
                                protection.deployRole()));
                metadata.put("elevatedAccessGrantId", grant.id().toString());
            }
        }
        if (!protection.branchAllowed(attempt.branch())) {
            throw new ProtectionProblems.BranchNotAllowed(environment.name(), attempt.branch(),
                    protection.allowedBranches());
        }
        Optional<ProtectionApi.ActiveFreeze> freeze = refuseDuringFreeze(protection, environment.name(),
                attempt.rollback(), now);
        if (freeze.isPresent()) {
            metadata.put("duringFreeze", Map.of("until", freeze.get().until().toString()));
        }
        return new Clearance(protection.requiredApprovals() > 0, metadata);
    }

    /** Throws {@link ProtectionProblems.DeployFreeze} when the environment is frozen for this kind of deployment. */
    void refuseDuringFreeze(UUID environmentId, String environmentName, boolean rollback) {
        refuseDuringFreeze(protectionOf(environmentId), environmentName, rollback, clock.instant());
    }

    /** The freeze a deployment may pass (an allowed rollback's), if any; refuses one it may not. */
    private static Optional<ProtectionApi.ActiveFreeze> refuseDuringFreeze(Protection protection, String environment,
            boolean rollback, Instant now) {
        Optional<ProtectionApi.ActiveFreeze> freeze = protection.freezeAt(now);
        if (freeze.isPresent() && !(rollback && protection.allowRollbackDuringFreeze())) {
            throw new ProtectionProblems.DeployFreeze(environment, freeze.get().until(), freeze.get().reason());
        }
        return freeze;
    }

    @Override
    public void awaitingApproval(UUID deploymentId, EnvironmentSummary environment, UUID requestedBy) {
        Protection protection = protectionOf(environment.id());
        Instant now = clock.instant();
        store.insertRequest(deploymentId, environment.organizationId(), environment.id(),
                Math.max(1, protection.requiredApprovals()), protection.approverRole(), requestedBy, now,
                now.plus(protection.approvalTimeout()));
    }

    @Override
    public Optional<Approval> approval(UUID deploymentId) {
        return store.subject(deploymentId, false).filter(subject -> subject.request() != null)
                .map(subject -> approval(subject, store.votes(deploymentId)));
    }

    static Approval approval(ProtectionStore.Subject subject, java.util.List<Vote> votes) {
        ProtectionStore.Request request = subject.request();
        String state = !"pending".equals(request.outcome()) ? request.outcome()
                : "awaiting_approval".equals(subject.status()) ? "pending" : "cancelled";
        int approvals = (int) votes.stream().filter(vote -> DeploymentApprovals.APPROVED.equals(vote.decision()))
                .count();
        return new Approval(request.required(), request.approverRole().wire(), state, approvals, request.expiresAt(),
                request.requestedBy(), votes);
    }
}
