package dev.autodeploy.deployer.deployment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.autodeploy.deployer.config.WorkerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure no deployment is forgotten: queues a job again for every environment with a deployment that waits
 * and no live worker — a crashed worker's (its claim ran out; at start-up, the claims of this node's earlier run
 * are let go at once), one waiting out its back-off, a queued one whose job was lost — at most once per
 * {@code wake-grace} each; fails deployments whose CI callback never came; deletes checkouts a crash left. One
 * replica sweeps at a time (a Postgres advisory lock).
 */
@Component
class DeploymentSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeploymentSweeper.class);
    /** pg_try_advisory_xact_lock key: "deployment-sweeper". */
    private static final long LOCK = 0x6465706c6f79L;
    private static final int CLEANUP_EVERY = 12;

    private final DeploymentStore store;
    private final DeploymentEvents events;
    private final DeploymentTransitions transitions;
    private final SourceCheckouts sources;
    private final DeploymentLogs logs;
    private final WorkerIdentity identity;
    private final DeploymentProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DeploymentAudit audit;
    private final AtomicInteger sweeps = new AtomicInteger();

    DeploymentSweeper(DeploymentStore store, DeploymentEvents events, DeploymentTransitions transitions,
            SourceCheckouts sources, DeploymentLogs logs, WorkerIdentity identity, DeploymentProperties properties,
            JdbcClient jdbc, TransactionTemplate transactions, Clock clock, DeploymentAudit audit) {
        this.audit = audit;
        this.store = store;
        this.events = events;
        this.transitions = transitions;
        this.sources = sources;
        this.logs = logs;
        this.identity = identity;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        Integer released = transactions.execute(tx -> store.releaseDeadClaims(identity.nodePrefix(), identity.worker(),
                clock.instant()));
        if (released != null && released > 0) {
            log.info("Took back {} deployment(s) this node's previous run left unfinished", released);
        }
        sweep();
    }

    @Scheduled(initialDelayString = "${autodeploy.deployer.deployments.sweep-interval:5s}",
            fixedDelayString = "${autodeploy.deployer.deployments.sweep-interval:5s}")
    void sweep() {
        try {
            transactions.executeWithoutResult(tx -> {
                Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class)
                        .single();
                if (Boolean.TRUE.equals(locked)) {
                    wake();
                    expireCallbacks();
                }
            });
            if (sweeps.incrementAndGet() % CLEANUP_EVERY == 0) {
                cleanUp();
            }
        }
        catch (RuntimeException ex) {
            log.warn("Sweeping deployments failed: {}", ex.getClass().getSimpleName());
        }
    }

    private record Waiting(UUID id, UUID projectId, UUID environmentId, UUID organizationId) {
    }

    private void wake() {
        Instant now = clock.instant();
        Timestamp graceAgo = Timestamp.from(now.minus(properties.wakeGrace()));
        List<Waiting> waiting = jdbc.sql("""
                SELECT id, project_id, environment_id, organization_id FROM deployments
                WHERE status IN ('queued', 'building', 'deploying') AND NOT awaiting_callback
                  AND (claimed_until IS NULL OR claimed_until < ?)
                  AND (status <> 'queued' OR claimed_until IS NOT NULL OR created_at < ?)
                  AND (woken_at IS NULL OR woken_at < ?)
                ORDER BY created_at LIMIT 500""")
                .params(Timestamp.from(now), graceAgo, graceAgo)
                .query((rows, n) -> new Waiting(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getObject(4, UUID.class)))
                .list();
        if (waiting.isEmpty()) {
            return;
        }
        Map<UUID, Waiting> byEnvironment = new LinkedHashMap<>();
        waiting.forEach(w -> byEnvironment.putIfAbsent(w.environmentId(), w));
        byEnvironment.values().forEach(w -> events.queued(w.id(), w.projectId(), w.environmentId(), w.organizationId(),
                "resume"));
        store.markWoken(waiting.stream().map(Waiting::id).toList(), now);
        log.info("Queued {} environment(s) again for {} waiting deployment(s)", byEnvironment.size(), waiting.size());
    }

    private void expireCallbacks() {
        Timestamp before = Timestamp.from(clock.instant().minus(properties.callbackTimeout()));
        List<Map.Entry<UUID, String>> overdue = jdbc.sql("""
                SELECT id, status FROM deployments WHERE awaiting_callback
                  AND status IN ('queued', 'building', 'deploying') AND updated_at < ?""").param(before)
                .query((rows, n) -> Map.entry(rows.getObject(1, UUID.class), rows.getString(2))).list();
        for (Map.Entry<UUID, String> deployment : overdue) {
            String reason = "The deploy target reported no outcome within " + format(properties.callbackTimeout())
                    + ".";
            audit.timedOut(transitions.abandon(deployment.getKey(), DeploymentStatus.ERROR, reason),
                    deployment.getValue(), reason);
        }
    }

    private void cleanUp() {
        List<UUID> inFlight = new ArrayList<>(jdbc.sql(
                "SELECT id FROM deployments WHERE status IN ('queued', 'building', 'deploying')").query(UUID.class)
                .list());
        int deleted = sources.sweep(java.util.Set.copyOf(inFlight));
        if (deleted > 0) {
            log.info("Deleted {} checkout(s) of ended deployments", deleted);
        }
        logs.forgetIdle(Duration.ofHours(6));
    }

    private static String format(Duration duration) {
        return duration.toMinutes() >= 60 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
