package dev.autodeploy.deployer.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * What an environment's protection says about a deployment about to be created (every creation path asks: deploy,
 * retry, rollback, Git host triggers): refused with a {@link Refused} problem, allowed, or allowed to wait for
 * approval. Implemented by the {@code protection} feature; the deployment feature only asks.
 */
public interface DeploymentGuard {

    /**
     * A deployment someone (or, with no {@code userId}, a Git host's trigger) asks for.
     *
     * @param action {@code deploy}, {@code retry} or {@code rollback}
     */
    record Attempt(EnvironmentSummary environment, String action, String branch, UUID userId) {

        public boolean rollback() {
            return Deployment.ROLLBACK.equals(action);
        }
    }

    /**
     * The deployment may be created; it waits for approval first when {@code approvalRequired}, and carries
     * {@code metadata} (such as the elevated access grant it was made with).
     */
    record Clearance(boolean approvalRequired, Map<String, Object> metadata) {

        public static final Clearance ALLOWED = new Clearance(false, Map.of());

        public Clearance {
            metadata = Map.copyOf(metadata);
        }
    }

    /** One vote on a deployment waiting for approval. */
    record Vote(UUID userId, String decision, String comment, Instant at) {
    }

    /**
     * A deployment's approval: what it needs and the votes so far.
     *
     * @param state {@code not_required, pending, approved, rejected, expired, cancelled}
     */
    record Approval(int required, String approverRole, String state, int approvals, Instant expiresAt,
            UUID requestedBy, List<Vote> votes) {
    }

    /** The protection refuses the deployment (the problem says why); nothing was created. */
    abstract class Refused extends ApiException {

        protected Refused(HttpStatus status, String problemType, String detail) {
            super(status, problemType, detail);
        }
    }

    /** Checks the attempt; throws {@link Refused} (or another problem) when the protection forbids it. */
    Clearance clear(Attempt attempt);

    /** The deployment was just created waiting for approval; runs in the creating transaction. */
    void awaitingApproval(UUID deploymentId, EnvironmentSummary environment, UUID requestedBy);

    /** The deployment's approval, when it needed one. */
    Optional<Approval> approval(UUID deploymentId);
}
