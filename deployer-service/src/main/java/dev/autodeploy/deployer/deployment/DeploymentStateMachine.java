package dev.autodeploy.deployer.deployment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which moves a deployment and its steps may make. A deployment only moves forward —
 * {@code queued → building → deploying → ready}, and from any unfinished status to {@code error} or
 * {@code cancelled} — and never leaves a finished status; one waiting for approval ({@code awaiting_approval})
 * only goes to {@code queued} (approved) or {@code cancelled} (rejected, expired, cancelled); a step goes {@code pending → running → completed |
 * failed | cancelled}, may be {@code skipped} or {@code cancelled} while pending, and goes back to
 * {@code pending} from {@code running} only when an attempt is abandoned (a crash, a retryable failure) to be
 * run again; a running step that finds nothing to do ends {@code skipped}. Every writer of deployment rows asks here first.
 */
final class DeploymentStateMachine {

    private static final Map<DeploymentStatus, Set<DeploymentStatus>> MOVES = Map.of(
            DeploymentStatus.AWAITING_APPROVAL, EnumSet.of(DeploymentStatus.QUEUED, DeploymentStatus.CANCELLED),
            DeploymentStatus.QUEUED, EnumSet.of(DeploymentStatus.BUILDING, DeploymentStatus.DEPLOYING,
                    DeploymentStatus.ERROR, DeploymentStatus.CANCELLED),
            DeploymentStatus.BUILDING, EnumSet.of(DeploymentStatus.DEPLOYING, DeploymentStatus.ERROR,
                    DeploymentStatus.CANCELLED),
            DeploymentStatus.DEPLOYING, EnumSet.of(DeploymentStatus.READY, DeploymentStatus.ERROR,
                    DeploymentStatus.CANCELLED),
            DeploymentStatus.READY, EnumSet.noneOf(DeploymentStatus.class),
            DeploymentStatus.ERROR, EnumSet.noneOf(DeploymentStatus.class),
            DeploymentStatus.CANCELLED, EnumSet.noneOf(DeploymentStatus.class));

    private static final Map<StepStatus, Set<StepStatus>> STEP_MOVES = Map.of(
            StepStatus.PENDING, EnumSet.of(StepStatus.RUNNING, StepStatus.SKIPPED, StepStatus.CANCELLED),
            StepStatus.RUNNING, EnumSet.of(StepStatus.COMPLETED, StepStatus.SKIPPED, StepStatus.FAILED,
                    StepStatus.CANCELLED, StepStatus.PENDING),
            StepStatus.COMPLETED, EnumSet.noneOf(StepStatus.class),
            StepStatus.FAILED, EnumSet.noneOf(StepStatus.class),
            StepStatus.SKIPPED, EnumSet.noneOf(StepStatus.class),
            StepStatus.CANCELLED, EnumSet.noneOf(StepStatus.class));

    /** What CI systems report (seed 000's statuses) and what they mean here. */
    private static final Map<String, DeploymentStatus> CALLBACK_STATUSES = Map.of(
            "running", DeploymentStatus.DEPLOYING,
            "success", DeploymentStatus.READY,
            "failed", DeploymentStatus.ERROR,
            "canceled", DeploymentStatus.CANCELLED);

    private DeploymentStateMachine() {
    }

    static boolean canMove(DeploymentStatus from, DeploymentStatus to) {
        return MOVES.get(from).contains(to);
    }

    static boolean canMove(StepStatus from, StepStatus to) {
        return STEP_MOVES.get(from).contains(to);
    }

    /**
     * The status a CI callback's value names: ours ({@code queued ... cancelled}) or seed 000's
     * ({@code running, success, failed, canceled}); empty for anything else.
     */
    static Optional<DeploymentStatus> fromCallback(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        DeploymentStatus mapped = CALLBACK_STATUSES.get(normalized);
        return mapped != null ? Optional.of(mapped) : DeploymentStatus.fromWire(normalized);
    }

    /**
     * The deployment's status once {@code step} starts, from {@code current}: the step's running status when
     * that is a forward move, otherwise {@code current} (a resumed step of the status it is already in).
     */
    static DeploymentStatus whenStarting(DeploymentStatus current, Step step) {
        DeploymentStatus wanted = step.whileRunning();
        return current == wanted || !canMove(current, wanted) ? current : wanted;
    }
}
