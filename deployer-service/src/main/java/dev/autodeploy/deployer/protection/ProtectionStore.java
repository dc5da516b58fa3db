package dev.autodeploy.deployer.protection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.DeploymentGuard;
import dev.autodeploy.support.membership.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protection tables: {@code environment_protection}, {@code environment_access_grants},
 * {@code deployment_approval_requests} and their votes. Reads the deployments' organization and status (the
 * deployment feature's table) only to answer about approvals. Runs in the caller's transaction.
 */
@Component
class ProtectionStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProtectionApi.FreezeWindow>> WINDOWS = new TypeReference<>() {
    };
    private static final TypeReference<List<ProtectionApi.RecurringFreezeWindow>> WEEKLY = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProtectionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ------------------------------------------------------------------ settings

    /** An environment's stored protection, with who changed it last and when. */
    record Stored(Protection protection, UUID updatedBy, Instant updatedAt) {
    }

    Optional<Stored> protection(UUID environmentId) {
        return jdbc.sql("""
                SELECT allowed_branches, deploy_role, required_approvals, approver_role, approval_timeout_seconds,
                    freeze_windows, recurring_freeze_windows, allow_rollback_during_freeze, updated_by, updated_at
                FROM environment_protection WHERE environment_id = ?""").param(environmentId)
                .query((rows, n) -> new Stored(new Protection(json.readValue(rows.getString(1), STRINGS),
                        Role.fromWire(rows.getString(2)).orElseThrow(), rows.getInt(3),
                        Role.fromWire(rows.getString(4)).orElseThrow(), Duration.ofSeconds(rows.getLong(5)),
                        json.readValue(rows.getString(6), WINDOWS), json.readValue(rows.getString(7), WEEKLY),
                        rows.getBoolean(8)), rows.getObject(9, UUID.class), instant(rows, 10)))
                .optional();
    }

    void save(UUID environmentId, UUID organizationId, Protection protection, UUID userId, Instant now) {
        jdbc.sql("""
                INSERT INTO environment_protection (environment_id, organization_id, allowed_branches, deploy_role,
                    required_approvals, approver_role, approval_timeout_seconds, freeze_windows,
                    recurring_freeze_windows, allow_rollback_during_freeze, updated_by, updated_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                ON CONFLICT (environment_id) DO UPDATE SET allowed_branches = excluded.allowed_branches,
                    deploy_role = excluded.deploy_role, required_approvals = excluded.required_approvals,
                    approver_role = excluded.approver_role, approval_timeout_seconds = excluded.approval_timeout_seconds,
                    freeze_windows = excluded.freeze_windows, recurring_freeze_windows = excluded.recurring_freeze_windows,
                    allow_rollback_during_freeze = excluded.allow_rollback_during_freeze,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(environmentId, organizationId, json.writeValueAsString(protection.allowedBranches()),
                        protection.deployRole().wire(), protection.requiredApprovals(),
                        protection.approverRole().wire(), protection.approvalTimeout().toSeconds(),
                        json.writeValueAsString(protection.freezeWindows()),
                        json.writeValueAsString(protection.recurringFreezeWindows()),
                        protection.allowRollbackDuringFreeze(), userId, Timestamp.from(now))
                .update();
    }

    /** Locks the environment's row, so that two changes of its protection take turns. */
    void lockEnvironment(UUID environmentId) {
        jdbc.sql("SELECT id FROM environments WHERE id = ? FOR UPDATE").param(environmentId).query(UUID.class).list();
    }

    // ------------------------------------------------------------------ access grants

    record Grant(UUID id, UUID organizationId, UUID environmentId, UUID userId, String reason, UUID grantedBy,
            Instant createdAt, Instant expiresAt, Instant revokedAt, UUID revokedBy) {

        boolean activeAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    private static final String GRANT_COLUMNS = "id, organization_id, environment_id, user_id, reason, granted_by,"
            + " created_at, expires_at, revoked_at, revoked_by";

    void insertGrant(Grant grant) {
        jdbc.sql("INSERT INTO environment_access_grants (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL,"
                + " NULL)")
                .params(grant.id(), grant.organizationId(), grant.environmentId(), grant.userId(), grant.reason(),
                        grant.grantedBy(), Timestamp.from(grant.createdAt()), Timestamp.from(grant.expiresAt()))
                .update();
    }

    /** The grant of the environment's, locked until the transaction ends. */
    Optional<Grant> lockGrant(UUID environmentId, UUID grantId) {
        return jdbc.sql("SELECT " + GRANT_COLUMNS + " FROM environment_access_grants WHERE environment_id = ? AND id = ?"
                + " FOR UPDATE").params(environmentId, grantId).query(this::grant).optional();
    }

    List<Grant> grants(UUID environmentId) {
        return jdbc.sql("SELECT " + GRANT_COLUMNS + " FROM environment_access_grants WHERE environment_id = ?"
                + " ORDER BY created_at DESC, id LIMIT 500").param(environmentId).query(this::grant).list();
    }

    /** The user's grant on the environment that lasts longest, among those in force at {@code now}. */
    Optional<Grant> activeGrant(UUID environmentId, UUID userId, Instant now) {
        return jdbc.sql("SELECT " + GRANT_COLUMNS + " FROM environment_access_grants WHERE environment_id = ?"
                + " AND user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1")
                .params(environmentId, userId, Timestamp.from(now)).query(this::grant).optional();
    }

    void revokeGrant(UUID grantId, UUID userId, Instant now) {
        jdbc.sql("UPDATE environment_access_grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), userId, grantId).update();
    }

    private Grant grant(ResultSet rows, int n) throws SQLException {
        return new Grant(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getObject(3, UUID.class),
                rows.getObject(4, UUID.class), rows.getString(5), rows.getObject(6, UUID.class), instant(rows, 7),
                instant(rows, 8), instant(rows, 9), rows.getObject(10, UUID.class));
    }

    // ------------------------------------------------------------------ approvals

    /** A deployment as approvals see it: whose it is, what it is now, what its approval needs (null: none). */
    record Subject(UUID deploymentId, UUID organizationId, UUID environmentId, String environment, String action,
            String status, Request request) {
    }

    record Request(int required, Role approverRole, UUID requestedBy, Instant createdAt, Instant expiresAt,
            String outcome, Instant decidedAt) {
    }

    void insertRequest(UUID deploymentId, UUID organizationId, UUID environmentId, int required, Role approverRole,
            UUID requestedBy, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO deployment_approval_requests (deployment_id, organization_id, environment_id, required,
                    approver_role, requested_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(deploymentId, organizationId, environmentId, required, approverRole.wire(), requestedBy,
                        Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    /** The deployment with its approval request; {@code lock} locks the request until the transaction ends. */
    Optional<Subject> subject(UUID deploymentId, boolean lock) {
        return jdbc.sql("""
                SELECT d.id, d.organization_id, d.environment_id, d.status, r.required, r.approver_role,
                    r.requested_by, r.created_at, r.expires_at, r.outcome, r.decided_at, d.environment, d.action
                FROM deployments d LEFT JOIN deployment_approval_requests r ON r.deployment_id = d.id
                WHERE d.id = ?""" + (lock ? " FOR UPDATE OF d" : "")).param(deploymentId)
                .query((rows, n) -> new Subject(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getString(12), rows.getString(13), rows.getString(4),
                        rows.getString(6) == null ? null
                                : new Request(rows.getInt(5), Role.fromWire(rows.getString(6)).orElseThrow(),
                                        rows.getObject(7, UUID.class), instant(rows, 8), instant(rows, 9),
                                        rows.getString(10), instant(rows, 11))))
                .optional();
    }

    List<DeploymentGuard.Vote> votes(UUID deploymentId) {
        return jdbc.sql("SELECT user_id, decision, comment, voted_at FROM deployment_approval_votes"
                + " WHERE deployment_id = ? ORDER BY voted_at, user_id").param(deploymentId)
                .query((rows, n) -> new DeploymentGuard.Vote(rows.getObject(1, UUID.class), rows.getString(2),
                        rows.getString(3), instant(rows, 4)))
                .list();
    }

    void insertVote(UUID deploymentId, UUID userId, String decision, String comment, Instant now) {
        jdbc.sql("INSERT INTO deployment_approval_votes (deployment_id, user_id, decision, comment, voted_at)"
                + " VALUES (?, ?, ?, ?, ?)").params(deploymentId, userId, decision, comment, Timestamp.from(now))
                .update();
    }

    void decide(UUID deploymentId, String outcome, Instant now) {
        jdbc.sql("UPDATE deployment_approval_requests SET outcome = ?, decided_at = ? WHERE deployment_id = ?"
                + " AND outcome = 'pending'").params(outcome, Timestamp.from(now), deploymentId).update();
    }

    /** Deployments still awaiting approval whose time ran out (each is locked and checked again when cancelled). */
    List<UUID> expired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT r.deployment_id FROM deployment_approval_requests r
                JOIN deployments d ON d.id = r.deployment_id AND d.status = 'awaiting_approval'
                WHERE r.outcome = 'pending' AND r.expires_at <= ?
                ORDER BY r.expires_at LIMIT ?""")
                .params(Timestamp.from(now), limit).query(UUID.class).list();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
