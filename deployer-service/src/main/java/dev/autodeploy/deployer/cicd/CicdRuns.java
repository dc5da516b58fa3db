package dev.autodeploy.deployer.cicd;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.target.FollowedRuns;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which external run carried out which deployment. Recorded as soon as the provider names the run, so a deployer
 * that restarts finds it again instead of starting a second one.
 */
@Component
public class CicdRuns {

    private final JdbcClient jdbc;
    private final FollowedRuns followed;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CicdRuns(JdbcClient jdbc, FollowedRuns followed, AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.followed = followed;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Records (or updates) the deployment's run. */
    public void record(UUID deploymentId, UUID jobId, String externalId, String externalUrl, String externalStatus) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO deployment_cicd_mappings (deployment_id, job_id, external_id, external_url,
                    external_status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (deployment_id) DO UPDATE SET job_id = EXCLUDED.job_id,
                    external_id = EXCLUDED.external_id, external_url = EXCLUDED.external_url,
                    external_status = EXCLUDED.external_status, updated_at = EXCLUDED.updated_at""")
                .params(deploymentId, jobId, externalId, externalUrl, externalStatus, now, now)
                .update();
    }

    public Optional<CicdRun> find(UUID deploymentId) {
        return jdbc.sql("SELECT * FROM deployment_cicd_mappings WHERE deployment_id = ?").param(deploymentId)
                .query(CicdRuns::run).optional();
    }

    /** The deployment a provider's run belongs to, by the provider type and the run's external id. */
    public Optional<CicdRun> findByExternal(String type, String externalId) {
        return jdbc.sql("""
                SELECT m.* FROM deployment_cicd_mappings m
                JOIN cicd_jobs j ON j.id = m.job_id JOIN cicd_providers p ON p.id = j.provider_id
                WHERE p.type = ? AND m.external_id = ?
                ORDER BY m.created_at DESC LIMIT 1""")
                .params(type, externalId).query(CicdRuns::run).optional();
    }

    /** Updates what the provider last said about the run. */
    public void status(UUID deploymentId, String externalStatus) {
        jdbc.sql("UPDATE deployment_cicd_mappings SET external_status = ?, updated_at = ? WHERE deployment_id = ?")
                .params(externalStatus, Timestamp.from(clock.instant()), deploymentId).update();
    }

    /**
     * What a provider's webhook or callback said about the run: recorded, and the deployment's follower (when it is
     * on this replica) polls the provider now instead of at its next interval.
     */
    public void reported(UUID deploymentId, String externalStatus) {
        // Joins the webhook's transaction when it has one; the report is the CI system's (webhook) action.
        transactions.executeWithoutResult(tx -> {
            Optional<CicdRun> before = find(deploymentId);
            status(deploymentId, externalStatus);
            Optional<UUID> organizationId = jdbc.sql("SELECT organization_id FROM deployments WHERE id = ?")
                    .param(deploymentId).query(UUID.class).optional();
            if (before.isPresent() && organizationId.isPresent()) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("externalId", before.get().externalId());
                after.put("externalStatus", externalStatus);
                Map<String, Object> previous = new LinkedHashMap<>();
                previous.put("externalStatus", before.get().externalStatus());
                audit.record(AuditActor.webhook(), organizationId.get(), "deployment.status-reported",
                        AuditTarget.of("deployment", deploymentId), previous, after);
            }
        });
        followed.nudge(deploymentId);
    }

    private static CicdRun run(ResultSet rs, int rowNumber) throws SQLException {
        return new CicdRun(rs.getObject("deployment_id", UUID.class), rs.getObject("job_id", UUID.class),
                rs.getString("external_id"), rs.getString("external_url"), rs.getString("external_status"));
    }
}
