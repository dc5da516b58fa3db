package dev.autodeploy.deployer.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.DeploymentGuard;
import dev.autodeploy.deployer.deployment.DeploymentTriggers;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Votes on deployments awaiting approval: members with the environment's approver role, other than whoever asked
 * for the deployment, approve or reject once each. The required number of approvals queues the deployment (its
 * job goes out through the outbox) — not during a deploy freeze, which refuses the deciding vote; one rejection
 * cancels it. A deployment nobody decided on in time is cancelled
 * by {@link #expire} (the sweeper's). Every decision is audited in its transaction.
 */
@Service
class DeploymentApprovals {

    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    private static final String AWAITING = "awaiting_approval";
    private static final int MAX_COMMENT = 1000;
    private static final Logger log = LoggerFactory.getLogger(DeploymentApprovals.class);

    private final ProtectionStore store;
    private final EnvironmentProtection protection;
    private final DeploymentTriggers deployments;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeploymentApprovals(ProtectionStore store, EnvironmentProtection protection, DeploymentTriggers deployments,
            OrganizationAccess access, AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.protection = protection;
        this.deployments = deployments;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The deployment's approval: what it needs and the votes (a deployment that needed none: required 0). */
    DeploymentGuard.Approval approval(UUID deploymentId, UUID userId) {
        ProtectionStore.Subject subject = store.subject(deploymentId, false)
                .orElseThrow(ProtectionProblems.DeploymentNotFound::new);
        access.require(subject.organizationId(), userId, Role.VIEWER, ProtectionProblems.DeploymentNotFound::new);
        if (subject.request() == null) {
            return new DeploymentGuard.Approval(0, null, "not_required", 0, null, null, List.of());
        }
        return EnvironmentProtection.approval(subject, store.votes(deploymentId));
    }

    DeploymentGuard.Approval approve(UUID deploymentId, String comment, UUID userId) {
        return vote(deploymentId, APPROVED, comment, userId);
    }

    DeploymentGuard.Approval reject(UUID deploymentId, String comment, UUID userId) {
        return vote(deploymentId, REJECTED, comment, userId);
    }

    private DeploymentGuard.Approval vote(UUID deploymentId, String decision, String comment, UUID userId) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw new ProtectionProblems.InvalidVote("A comment is limited to " + MAX_COMMENT + " characters.");
        }
        return transactions.execute(tx -> {
            ProtectionStore.Subject subject = store.subject(deploymentId, true)
                    .orElseThrow(ProtectionProblems.DeploymentNotFound::new);
            access.require(subject.organizationId(), userId, Role.VIEWER, ProtectionProblems.DeploymentNotFound::new);
            ProtectionStore.Request request = subject.request();
            if (request == null || !"pending".equals(request.outcome()) || !AWAITING.equals(subject.status())) {
                throw new ProtectionProblems.NotAwaitingApproval(subject.status());
            }
            access.require(subject.organizationId(), userId, request.approverRole(),
                    ProtectionProblems.DeploymentNotFound::new);
            if (userId.equals(request.requestedBy())) {
                throw new ProtectionProblems.SelfApproval();
            }
            List<DeploymentGuard.Vote> before = store.votes(deploymentId);
            if (before.stream().anyMatch(vote -> vote.userId().equals(userId))) {
                throw new ProtectionProblems.AlreadyVoted();
            }
            Instant now = clock.instant();
            store.insertVote(deploymentId, userId, decision, text, now);
            DeploymentGuard.Approval pending = EnvironmentProtection.approval(subject, store.votes(deploymentId));
            if (REJECTED.equals(decision)) {
                store.decide(deploymentId, REJECTED, now);
                deployments.refused(deploymentId, "Rejected by user " + userId + (text == null ? "." : ": " + text));
            }
            else if (pending.approvals() >= request.required()) {
                // The last approval would start it: not while the environment is frozen (the vote is not taken).
                protection.refuseDuringFreeze(subject.environmentId(), subject.environment(),
                        "rollback".equals(subject.action()));
                store.decide(deploymentId, APPROVED, now);
                deployments.approved(deploymentId, "Approved by " + pending.approvals() + " of "
                        + request.required() + " approver(s).");
            }
            DeploymentGuard.Approval after = EnvironmentProtection.approval(store.subject(deploymentId, false)
                    .orElseThrow(), store.votes(deploymentId));
            audit.record(subject.organizationId(), REJECTED.equals(decision) ? "deployment.rejected"
                    : "deployment.approved", AuditTarget.of("deployment", deploymentId), summary(subject, before),
                    voteSummary(after, userId, decision, text));
            log.info("User {} {} deployment {} ({} of {} approvals, {})", userId, decision, deploymentId,
                    after.approvals(), after.required(), after.state());
            return after;
        });
    }

    /** Cancels the deployment whose approval window passed; true when it still waited. Runs in the sweep's lock. */
    boolean expire(UUID deploymentId) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            ProtectionStore.Subject subject = store.subject(deploymentId, true).orElse(null);
            if (subject == null || subject.request() == null || !"pending".equals(subject.request().outcome())
                    || !AWAITING.equals(subject.status())) {
                return false;
            }
            List<DeploymentGuard.Vote> votes = store.votes(deploymentId);
            store.decide(deploymentId, "expired", clock.instant());
            deployments.refused(deploymentId, "Approval expired: not approved by "
                    + subject.request().expiresAt() + ".");
            Map<String, Object> after = new LinkedHashMap<>(summary(subject, votes));
            after.put("state", "expired");
            audit.record(AuditActor.system(), subject.organizationId(), "deployment.approval-expired",
                    AuditTarget.of("deployment", deploymentId), summary(subject, votes), after);
            log.info("Deployment {} was not approved in time: cancelled", deploymentId);
            return true;
        }));
    }

    private static Map<String, Object> summary(ProtectionStore.Subject subject, List<DeploymentGuard.Vote> votes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", "pending");
        fields.put("required", subject.request().required());
        fields.put("approvals", votes.stream().filter(vote -> APPROVED.equals(vote.decision())).count());
        fields.put("expiresAt", subject.request().expiresAt().toString());
        return fields;
    }

    private static Map<String, Object> voteSummary(DeploymentGuard.Approval approval, UUID userId, String decision,
            String comment) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", approval.state());
        fields.put("required", approval.required());
        fields.put("approvals", approval.approvals());
        fields.put("decision", decision);
        fields.put("voter", userId.toString());
        fields.put("comment", comment);
        return fields;
    }
}
