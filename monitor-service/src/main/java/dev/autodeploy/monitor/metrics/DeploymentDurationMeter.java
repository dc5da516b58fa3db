package dev.autodeploy.monitor.metrics;

import java.time.Duration;
import java.util.Optional;

import dev.autodeploy.monitor.deployment.DeploymentChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code autodeploy_deployment_duration_seconds}: a timer (with a histogram, for percentiles across replicas) fed
 * with each step that completes (tag {@code step} = its name) and each deployment that goes ready
 * ({@code step=total}, started → ready). Each status event is applied once, so each run is recorded once.
 */
@Component
class DeploymentDurationMeter {

    static final String NAME = "autodeploy.deployment.duration";
    static final String TOTAL = "total";
    private static final Logger log = LoggerFactory.getLogger(DeploymentDurationMeter.class);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;

    DeploymentDurationMeter(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
    }

    /** Never fails the listener: the event is applied already, and a redelivery would record nothing either. */
    @EventListener
    void on(DeploymentChanged changed) {
        try {
            measure(changed);
        }
        catch (DataAccessException ex) {
            log.warn("Deployment {}: step duration not recorded: {}", changed.deployment().id(), ex.getMessage());
        }
    }

    private void measure(DeploymentChanged changed) {
        String step = changed.event().step();
        if (step == null) {
            if ("ready".equals(changed.event().status()) && changed.deployment().startedAt() != null
                    && changed.deployment().finishedAt() != null) {
                record(TOTAL, Duration.between(changed.deployment().startedAt(), changed.deployment().finishedAt()));
            }
        }
        else if ("completed".equals(changed.event().status())) {
            stepRunTime(changed, step).ifPresent(duration -> record(step, duration));
        }
    }

    private Optional<Duration> stepRunTime(DeploymentChanged changed, String step) {
        return jdbc.sql("SELECT started_at, finished_at FROM deployment_steps WHERE deployment_id = ? AND name = ?"
                + " AND started_at IS NOT NULL AND finished_at IS NOT NULL")
                .params(changed.deployment().id(), step)
                .query((rows, n) -> Duration.between(rows.getTimestamp(1).toInstant(),
                        rows.getTimestamp(2).toInstant()))
                .optional();
    }

    private void record(String step, Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        Timer.builder(NAME).description("Run time of completed deployment steps, and of whole deployments (step=total)")
                .tag("step", step).publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2)).register(registry).record(duration);
    }
}
