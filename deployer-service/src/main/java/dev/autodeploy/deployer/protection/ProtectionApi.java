package dev.autodeploy.deployer.protection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the protection endpoints. */
final class ProtectionApi {

    private ProtectionApi() {
    }

    /** A deploy freeze from {@code start} until {@code end}. */
    record FreezeWindow(Instant start, Instant end, String reason) {
    }

    /**
     * A weekly deploy freeze: on each of {@code days} ({@code MON} … {@code SUN}) from {@code from} to {@code to}
     * ({@code HH:mm}, local time of {@code zone}; a {@code to} before {@code from} ends the next day).
     */
    record RecurringFreezeWindow(List<String> days, String from, String to, String zone, String reason) {
    }

    /**
     * {@code PUT /api/v1/projects/{id}/environments/{env}/protection}: the environment's whole protection (a
     * missing field takes its default). {@code approvalTimeout} is an ISO-8601 duration.
     */
    record ProtectionSettings(List<String> allowedBranches, String deployRole, Integer requiredApprovals,
            String approverRole, String approvalTimeout, List<FreezeWindow> freezeWindows,
            List<RecurringFreezeWindow> recurringFreezeWindows, Boolean allowRollbackDuringFreeze) {
    }

    /** A freeze in force now, until {@code until}. */
    record ActiveFreeze(Instant until, String reason) {
    }

    /** An environment's protection as it is, with the freeze in force now, if any. */
    record ProtectionView(String environment, List<String> allowedBranches, String deployRole, int requiredApprovals,
            String approverRole, String approvalTimeout, List<FreezeWindow> freezeWindows,
            List<RecurringFreezeWindow> recurringFreezeWindows, boolean allowRollbackDuringFreeze,
            ActiveFreeze activeFreeze, UUID updatedBy, Instant updatedAt) {
    }

    /** {@code POST .../access-grants}: deploy rights on the environment for {@code hours} (1 to 72). */
    record CreateGrant(UUID userId, Integer hours, String reason) {
    }

    record GrantView(UUID id, String environment, UUID userId, String reason, UUID grantedBy, Instant createdAt,
            Instant expiresAt, Instant revokedAt, UUID revokedBy, boolean active) {
    }

    /** {@code POST /api/v1/deployments/{id}/approve | reject}. */
    record Vote(String comment) {
    }
}
