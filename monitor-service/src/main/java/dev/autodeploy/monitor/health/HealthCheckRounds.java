package dev.autodeploy.monitor.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.autodeploy.events.HealthCheckChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replica's check rounds: claims the due checks (no other replica probes them this round), probes them in
 * parallel, and records each result with the state it leads to. A state change is published as
 * {@link HealthCheckChanged} through the outbox, in the transaction that stores it.
 */
@Component
class HealthCheckRounds {

    private static final Logger log = LoggerFactory.getLogger(HealthCheckRounds.class);

    private final HealthChecks checks;
    private final HttpProbe probe;
    private final HealthProperties properties;
    private final HealthStateMachine machine;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HealthCheckRounds(HealthChecks checks, HttpProbe probe, HealthProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.checks = checks;
        this.probe = probe;
        this.properties = properties;
        this.machine = new HealthStateMachine(properties.failureThreshold());
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${autodeploy.monitor.health.poll-interval}")
    void round() {
        if (!properties.enabled()) {
            return;
        }
        try {
            Instant now = clock.instant();
            List<HealthCheck> due = transactions.execute(status -> checks.claimDue(now,
                    now.plus(properties.interval()), properties.batchSize()));
            if (due == null || due.isEmpty()) {
                return;
            }
            try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (HealthCheck check : due) {
                    running.add(probes.submit(() -> probeAndRecord(check)));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            log.warn("Health check round failed", ex);
        }
    }

    private void probeAndRecord(HealthCheck claimed) {
        HttpProbe.Result result = probe.probe(claimed.url());
        transactions.executeWithoutResult(status -> record(claimed.deploymentId(), result));
    }

    private void record(UUID deploymentId, HttpProbe.Result result) {
        HealthCheck check = checks.lockUnlessHeld(deploymentId).orElse(null);
        if (check == null || !check.active()) {
            // Superseded or stopped while it was probed: its verdict no longer matters. Or held by another
            // transaction: this one result is dropped rather than making the whole round wait; the next probe counts.
            return;
        }
        checks.recordResult(deploymentId, result, properties.keepResults());
        HealthStateMachine.Verdict verdict = machine.next(check.state(), check.consecutiveFailures(), result.healthy());
        boolean changed = verdict.state() != check.state();
        checks.update(deploymentId, verdict.state(), verdict.consecutiveFailures(), changed, result);
        if (changed) {
            events.publishEvent(new HealthCheckChanged(UUID.randomUUID(), result.checkedAt(), deploymentId,
                    check.projectId(), check.organizationId(), check.environmentId(), check.environment(),
                    check.url(), check.state().wire(), verdict.state().wire(), verdict.consecutiveFailures(),
                    result.statusCode(), result.error()));
            log.info("Deployment {} in {} is {} (was {})", deploymentId, check.environment(), verdict.state().wire(),
                    check.state().wire());
        }
    }
}
