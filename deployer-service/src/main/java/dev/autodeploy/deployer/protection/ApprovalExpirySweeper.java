package dev.autodeploy.deployer.protection;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels deployments whose approval window passed without a decision ("Approval expired", audited as the system),
 * on the deployment sweeper's interval. One replica sweeps at a time (a Postgres advisory lock).
 */
@Component
class ApprovalExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExpirySweeper.class);
    /** pg_try_advisory_xact_lock key: "approvals". */
    private static final long LOCK = 0x617070726f76L;
    private static final int BATCH = 100;

    private final ProtectionStore store;
    private final DeploymentApprovals approvals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApprovalExpirySweeper(ProtectionStore store, DeploymentApprovals approvals, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.approvals = approvals;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${autodeploy.deployer.deployments.sweep-interval:5s}",
            fixedDelayString = "${autodeploy.deployer.deployments.sweep-interval:5s}")
    void sweep() {
        try {
            transactions.executeWithoutResult(tx -> {
                Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class)
                        .single();
                if (!Boolean.TRUE.equals(locked)) {
                    return;
                }
                List<UUID> expired = store.expired(clock.instant(), BATCH);
                int cancelled = 0;
                for (UUID id : expired) {
                    cancelled += approvals.expire(id) ? 1 : 0;
                }
                if (cancelled > 0) {
                    log.info("Cancelled {} deployment(s) whose approval expired", cancelled);
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Sweeping expired approvals failed: {}", ex.getClass().getSimpleName());
        }
    }
}
