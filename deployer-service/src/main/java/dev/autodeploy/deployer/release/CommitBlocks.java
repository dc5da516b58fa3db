package dev.autodeploy.deployer.release;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.ReleaseHistory;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits an environment was rolled back from: blocked there in the rollback's transaction (the commit it served
 * for an explicit rollback, the failed deployment's for an automatic one), skipped by pushes and auto-deploys —
 * each skip counted — and refused to manual deploys without {@code force}, until a user unblocks them. A block is
 * per commit: a newer commit deploys normally, and the old one stays blocked (a re-push of it is skipped again)
 * until someone unblocks it.
 */
@Component
public class CommitBlocks {

    private static final Logger log = LoggerFactory.getLogger(CommitBlocks.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "id, environment_id, commit_sha, reason, blocked_by,"
            + " blocked_from_deployment_id, rollback_deployment_id, created_at, last_skipped_at, skipped_count,"
            + " unblocked_at, unblocked_by";

    /** One block as stored. {@code blockedBy} null: the platform (an automatic rollback). */
    record Block(UUID id, UUID environmentId, String commitSha, String reason, UUID blockedBy,
            UUID blockedFromDeploymentId, UUID rollbackDeploymentId, Instant createdAt, Instant lastSkippedAt,
            int skippedCount, Instant unblockedAt, UUID unblockedBy) {
    }

    private final JdbcClient jdbc;
    private final ProjectRegistry projects;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CommitBlocks(JdbcClient jdbc, ProjectRegistry projects, AuditTrail audit, TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * For a push or auto-deploy of {@code commitSha} to the environment: empty when it may deploy; otherwise why
     * not ("commit abc1234 is blocked in production: …"), the skip counted on the block. Joins the caller's
     * transaction.
     */
    public Optional<String> skip(EnvironmentSummary environment, String commitSha) {
        if (commitSha == null) {
            return Optional.empty();
        }
        return transactions.execute(tx -> jdbc.sql("""
                UPDATE blocked_commits SET skipped_count = skipped_count + 1, last_skipped_at = ?
                WHERE environment_id = ? AND commit_sha = ? AND unblocked_at IS NULL RETURNING reason""")
                .params(Timestamp.from(clock.instant()), environment.id(), commitSha.toLowerCase(Locale.ROOT))
                .query(String.class).optional()
                .map(reason -> "commit " + shortSha(commitSha) + " is blocked in " + environment.name() + ": "
                        + reason));
    }

    /** The active block of the commit in the environment, with the reason as a manual deploy is told it. */
    Optional<Block> active(UUID environmentId, String commitSha) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blocked_commits WHERE environment_id = ? AND commit_sha = ?"
                + " AND unblocked_at IS NULL").params(environmentId, commitSha.toLowerCase(Locale.ROOT))
                .query(CommitBlocks::row).optional()
                .map(block -> new Block(block.id(), block.environmentId(), block.commitSha(), "Commit "
                        + shortSha(block.commitSha()) + " is blocked in this environment: " + block.reason(),
                        block.blockedBy(), block.blockedFromDeploymentId(), block.rollbackDeploymentId(),
                        block.createdAt(), block.lastSkippedAt(), block.skippedCount(), block.unblockedAt(),
                        block.unblockedBy()));
    }

    /** Blocks the commit rolled back from (nothing when it is blocked already); in the rollback's transaction. */
    void block(ReleaseHistory.RolledBack rollback) {
        Instant now = clock.instant();
        String sha = rollback.fromCommit().toLowerCase(Locale.ROOT);
        String reason = rollback.rollbackDeploymentId() != null
                ? "rolled back from on " + WHEN.format(now) + " (rollback deployment " + rollback.rollbackDeploymentId()
                        + (rollback.actor() == null ? "" : " by user " + rollback.actor()) + ")"
                : "rolled back from on " + WHEN.format(now) + " (deployment " + rollback.fromDeploymentId()
                        + " failed and the environment was rolled back automatically)";
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO blocked_commits (id, environment_id, commit_sha, reason, blocked_by,
                    blocked_from_deployment_id, rollback_deployment_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (environment_id, commit_sha) WHERE unblocked_at IS NULL DO NOTHING""")
                .params(id, rollback.environmentId(), sha, reason, rollback.actor(), rollback.fromDeploymentId(),
                        rollback.rollbackDeploymentId(), Timestamp.from(now))
                .update();
        if (inserted == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("environment", rollback.environment());
        after.put("commitSha", sha);
        after.put("reason", reason);
        after.put("blockedFromDeploymentId", rollback.fromDeploymentId());
        if (rollback.rollbackDeploymentId() != null) {
            after.put("rollbackDeploymentId", rollback.rollbackDeploymentId());
        }
        AuditActor actor = rollback.actor() == null ? AuditActor.system() : AuditActor.user(rollback.actor());
        audit.record(actor, rollback.organizationId(), "commit.blocked", AuditTarget.of("blocked-commit", id), null,
                after);
        log.info("Blocked commit {} in environment {}: {}", shortSha(sha), rollback.environmentId(), reason);
    }

    /** Every block of the environment, newest first (unblocked ones included). */
    List<ReleaseApi.BlockedCommitView> list(UUID projectId, String environmentName, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId, Role.VIEWER);
        return jdbc.sql("SELECT " + COLUMNS + " FROM blocked_commits WHERE environment_id = ?"
                + " ORDER BY created_at DESC, id").param(environment.id()).query(CommitBlocks::row).list().stream()
                .map(block -> view(block, environment.name())).toList();
    }

    /** Lifts the active block of the commit (a full id or a 7+ digit prefix); 404 when there is none. */
    ReleaseApi.BlockedCommitView unblock(UUID projectId, String environmentName, String commitSha, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId,
                Role.DEVELOPER);
        String sha = commitSha.toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{7,64}")) {
            throw new ReleaseProblems.BlockedCommitNotFound(commitSha);
        }
        return transactions.execute(tx -> {
            List<Block> found = jdbc.sql("SELECT " + COLUMNS + " FROM blocked_commits WHERE environment_id = ?"
                    + " AND commit_sha LIKE ? AND unblocked_at IS NULL FOR UPDATE")
                    .params(environment.id(), sha + "%").query(CommitBlocks::row).list();
            if (found.size() != 1) {
                throw found.isEmpty() ? new ReleaseProblems.BlockedCommitNotFound(commitSha)
                        : new ReleaseProblems.AmbiguousCommit(commitSha);
            }
            Block block = found.getFirst();
            Instant now = clock.instant();
            jdbc.sql("UPDATE blocked_commits SET unblocked_at = ?, unblocked_by = ? WHERE id = ?")
                    .params(Timestamp.from(now), userId, block.id()).update();
            Block after = jdbc.sql("SELECT " + COLUMNS + " FROM blocked_commits WHERE id = ?").param(block.id())
                    .query(CommitBlocks::row).single();
            audit.record(environment.organizationId(), "commit.unblocked", AuditTarget.of("blocked-commit", block.id()),
                    Map.of("environment", environment.name(), "commitSha", block.commitSha(), "blocked", true),
                    Map.of("environment", environment.name(), "commitSha", block.commitSha(), "blocked", false));
            log.info("User {} unblocked commit {} in environment {}", userId, shortSha(block.commitSha()),
                    environment.id());
            return view(after, environment.name());
        });
    }

    static ReleaseApi.BlockedCommitView view(Block block, String environment) {
        return new ReleaseApi.BlockedCommitView(environment, block.commitSha(), block.reason(),
                block.blockedBy() == null ? "system" : "user", block.blockedBy(), block.blockedFromDeploymentId(),
                block.rollbackDeploymentId(), block.createdAt(), block.skippedCount(), block.lastSkippedAt(),
                block.unblockedAt() == null, block.unblockedAt(), block.unblockedBy());
    }

    private static Block row(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Block(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3),
                rows.getString(4), rows.getObject(5, UUID.class), rows.getObject(6, UUID.class),
                rows.getObject(7, UUID.class), instant(rows.getTimestamp(8)), instant(rows.getTimestamp(9)),
                rows.getInt(10), instant(rows.getTimestamp(11)), rows.getObject(12, UUID.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    static String shortSha(String commit) {
        return commit.substring(0, Math.min(7, commit.length()));
    }
}
