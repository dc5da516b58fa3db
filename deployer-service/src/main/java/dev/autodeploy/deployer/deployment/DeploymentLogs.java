package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.events.DeploymentLogged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes deployments' log lines on {@code autodeploy.deployment.logs}: every {@code flush-interval}, each
 * deployment's buffered lines go out in one transaction through the outbox (so a line, once published here,
 * reaches Kafka even if Kafka is down for a while) together with the deployment's last line number, from which a
 * resumed run continues. When the database cannot take them, lines stay buffered and are tried again.
 */
@Component
class DeploymentLogs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeploymentLogs.class);

    private final DeploymentStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final LogProperties properties;
    private final Clock clock;
    private final Set<DeploymentLog> pending = ConcurrentHashMap.newKeySet();
    /** One log per deployment, whoever writes to it (the runner, a running release): numbering stays unique. */
    private final Map<UUID, DeploymentLog> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;
    private volatile boolean running;

    DeploymentLogs(DeploymentStore store, ApplicationEventPublisher events, TransactionTemplate transactions,
            LogProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The log of a deployment: the one already open, or a new one numbering on after {@code publishedUpTo};
     * either way masking {@code secrets} from now on.
     */
    DeploymentLog open(UUID deploymentId, UUID organizationId, long publishedUpTo, Set<String> secrets) {
        DeploymentLog deploymentLog = open.computeIfAbsent(deploymentId,
                id -> new DeploymentLog(id, organizationId, publishedUpTo, this, properties, clock));
        deploymentLog.mask(secrets);
        return deploymentLog;
    }

    /** Forgets logs nothing wrote to for {@code idle} (a line written later re-opens it). */
    void forgetIdle(java.time.Duration idle) {
        java.time.Instant cutoff = clock.instant().minus(idle);
        open.values().removeIf(deploymentLog -> deploymentLog.isEmpty() && deploymentLog.lastWrite().isBefore(cutoff));
    }

    void pending(DeploymentLog deploymentLog) {
        open.putIfAbsent(deploymentLog.deploymentId(), deploymentLog);
        pending.add(deploymentLog);
    }

    /** Publishes everything buffered now (also called on shutdown). */
    void flush() {
        for (DeploymentLog deploymentLog : pending) {
            List<DeploymentLog.Line> lines;
            while (!(lines = deploymentLog.take(properties.batchSize())).isEmpty()) {
                if (!publish(deploymentLog, lines)) {
                    deploymentLog.giveBack(lines);
                    break;
                }
            }
            if (deploymentLog.isEmpty()) {
                pending.remove(deploymentLog);
                // A line may have arrived between the check and the removal: keep it pending then.
                if (!deploymentLog.isEmpty()) {
                    pending.add(deploymentLog);
                }
            }
        }
    }

    private boolean publish(DeploymentLog deploymentLog, List<DeploymentLog.Line> lines) {
        try {
            transactions.executeWithoutResult(status -> {
                for (DeploymentLog.Line line : lines) {
                    events.publishEvent(new DeploymentLogged(UUID.randomUUID(), line.at(),
                            deploymentLog.deploymentId(), deploymentLog.organizationId(), line.sequence(), line.level(),
                            line.source(), line.step(), line.message()));
                }
                store.advanceLogSequence(deploymentLog.deploymentId(), lines.get(lines.size() - 1).sequence());
            });
            return true;
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish {} log line(s) of deployment {} yet: {}", lines.size(),
                    deploymentLog.deploymentId(), ex.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("deployment-logs").daemon()
                .factory());
        long interval = Math.max(10, properties.flushInterval().toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void flushQuietly() {
        try {
            flush();
        }
        catch (RuntimeException ex) {
            log.warn("Publishing deployment logs failed: {}", ex.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the runner and targets (which still write lines while stopping), before the database goes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
