package dev.autodeploy.monitor.metrics;

import dev.autodeploy.monitor.deployment.DeploymentChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code autodeploy_deployment_status_changes_total}: every status a deployment reaches ({@code queued},
 * {@code building}, ..., {@code ready}, {@code error}, {@code cancelled}), tagged with the status and the deploy
 * target, so dashboards show deployments by status over time. Each status event is applied once, so each change is
 * counted once (per monitor replica that applied it: sum them).
 */
@Component
class DeploymentStatusMeter {

    static final String NAME = "autodeploy.deployment.status.changes";

    private final MeterRegistry registry;

    DeploymentStatusMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void on(DeploymentChanged changed) {
        if (changed.event().step() != null || changed.event().status() == null) {
            return;
        }
        Counter.builder(NAME).description("Statuses deployments reached, by status and deploy target")
                .tag("status", changed.event().status())
                .tag("target", changed.event().target() == null ? "unknown" : changed.event().target())
                .register(registry).increment();
    }
}
