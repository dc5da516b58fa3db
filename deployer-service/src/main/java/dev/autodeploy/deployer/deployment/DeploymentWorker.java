package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.config.WorkerIdentity;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentQueued;
import dev.autodeploy.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes work from {@code autodeploy.deployment.jobs} ({@code concurrency} consumers per replica, one record per
 * poll). A job names an environment with work waiting; the worker runs whatever that environment has to run,
 * one deployment at a time, until nothing is left: a deployment a dead worker left half done first (it resumes),
 * otherwise the newest queued one — older queued ones are superseded by it. The choice is made with the
 * environment's row locked and only when no live worker holds one of its deployments, so an environment never
 * deploys twice at once, whatever replica or duplicate job comes along. A deployment out of attempts ends in
 * error and its job goes to the dead-letter topic.
 */
@Component
class DeploymentWorker {

    static final String CONSUMER = "deployment-worker";
    private static final Logger log = LoggerFactory.getLogger(DeploymentWorker.class);
    /** A guard against a loop that keeps finding work: the job is simply redelivered or the sweeper comes back. */
    private static final int MAX_PER_JOB = 50;

    private final DeploymentStore store;
    private final DeploymentTransitions transitions;
    private final DeploymentRunner runner;
    private final WorkerIdentity identity;
    private final DeploymentProperties properties;
    private final KafkaTemplate<String, CloudEvent<?>> kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String service;
    private final DeploymentAudit audit;

    DeploymentWorker(DeploymentStore store, DeploymentTransitions transitions, DeploymentRunner runner,
            WorkerIdentity identity, DeploymentProperties properties, KafkaTemplate<String, CloudEvent<?>> kafka,
            JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
            @Value("${spring.application.name}") String service, DeploymentAudit audit) {
        this.audit = audit;
        this.store = store;
        this.transitions = transitions;
        this.runner = runner;
        this.identity = identity;
        this.properties = properties;
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.service = service;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.DEPLOYMENT_JOBS,
            concurrency = "${autodeploy.deployer.deployments.concurrency:2}",
            properties = { "max.poll.records=1", "max.poll.interval.ms=3600000" })
    void on(CloudEvent<?> event) {
        if (event.data() instanceof DeploymentQueued queued) {
            drain(queued.environmentId());
        }
    }

    /** Runs what the environment has waiting, one deployment after another. */
    void drain(UUID environmentId) {
        for (int run = 0; run < MAX_PER_JOB; run++) {
            Optional<Deployment> next = claimNext(environmentId);
            if (next.isEmpty()) {
                return;
            }
            runner.run(next.get());
        }
    }

    /** The environment's next deployment, claimed for this worker; empty when there is none or one is running. */
    Optional<Deployment> claimNext(UUID environmentId) {
        return transactions.execute(tx -> {
            boolean exists = !jdbc.sql("SELECT id FROM environments WHERE id = ? FOR UPDATE").param(environmentId)
                    .query(UUID.class).list().isEmpty();
            if (!exists) {
                return Optional.<Deployment>empty();
            }
            while (true) {
                Instant now = clock.instant();
                List<Deployment> inFlight = store.inFlight(environmentId);
                boolean busy = inFlight.stream().anyMatch(d -> d.awaitingCallback()
                        || d.claimedBy() != null && d.claimedUntil() != null && d.claimedUntil().isAfter(now));
                if (busy) {
                    return Optional.<Deployment>empty();
                }
                List<Deployment> runnable = inFlight.stream()
                        .filter(d -> d.claimedUntil() == null || !d.claimedUntil().isAfter(now)).toList();
                Optional<Deployment> started = runnable.stream().filter(d -> d.status() != DeploymentStatus.QUEUED)
                        .findFirst();
                List<Deployment> queued = runnable.stream().filter(d -> d.status() == DeploymentStatus.QUEUED).toList();
                if (started.isEmpty() && queued.isEmpty()) {
                    return Optional.<Deployment>empty();
                }
                Deployment candidate = started.orElseGet(() -> queued.get(queued.size() - 1));
                if (started.isEmpty()) {
                    for (Deployment older : queued.subList(0, queued.size() - 1)) {
                        String reason = "Superseded by deployment " + candidate.id() + ".";
                        audit.superseded(transitions.abandon(older.id(), DeploymentStatus.CANCELLED, reason),
                                candidate.id(), reason);
                    }
                }
                if (candidate.cancelRequested()) {
                    transitions.abandon(candidate.id(), DeploymentStatus.CANCELLED, candidate.cancelledBy() == null
                            ? "Cancelled." : "Cancelled by user " + candidate.cancelledBy() + ".");
                    continue;
                }
                if (candidate.attempts() >= properties.attempts()) {
                    String reason = "Gave up after " + candidate.attempts() + " attempts"
                            + (candidate.lastError() == null ? " (the deployer stopped while running it)."
                                    : ": " + candidate.lastError());
                    transitions.abandon(candidate.id(), DeploymentStatus.ERROR, reason);
                    deadLetter(candidate, reason);
                    continue;
                }
                Optional<DeploymentStep> interrupted = candidate.runningStep();
                interrupted.ifPresent(step -> transitions.resumeInterrupted(candidate.id(), step.name()));
                if (!store.claim(candidate.id(), identity.worker(), now.plus(properties.lease()), now)) {
                    return Optional.<Deployment>empty();
                }
                if (interrupted.isPresent() || candidate.status() != DeploymentStatus.QUEUED) {
                    log.info("Resuming deployment {} (attempt {})", candidate.id(), candidate.attempts() + 1);
                }
                return store.find(candidate.id());
            }
        });
    }

    /** The exhausted job, for operators, once the deployment's end is committed. */
    private void deadLetter(Deployment deployment, String reason) {
        DeploymentQueued job = new DeploymentQueued(UUID.randomUUID(), clock.instant(), deployment.id(),
                deployment.projectId(), deployment.environmentId(), deployment.organizationId(), "exhausted: " + reason);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                kafka.send(Topics.deadLetterOf(Topics.DEPLOYMENT_JOBS), job.aggregateId(), CloudEvent.of(service, job))
                        .whenComplete((sent, failure) -> {
                            if (failure != null) {
                                log.warn("Could not dead-letter the job of deployment {}: {}", deployment.id(),
                                        failure.getClass().getSimpleName());
                            }
                        });
            }
        });
    }
}
