package dev.autodeploy.monitor.health;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the health-check endpoints. */
final class HealthCheckApi {

    private HealthCheckApi() {
    }

    /** A deployment's health check: its state and the last probe. */
    record HealthCheckView(UUID deploymentId, UUID projectId, UUID environmentId, String environment, String url,
            boolean active, String stoppedReason, String state, int consecutiveFailures, Instant stateChangedAt,
            Instant unhealthySince, Instant lastCheckedAt, Integer lastStatusCode, String lastError,
            Instant liveSince) {

        static HealthCheckView of(HealthCheck check) {
            return new HealthCheckView(check.deploymentId(), check.projectId(), check.environmentId(),
                    check.environment(), check.url(), check.active(), check.stoppedReason(), check.state().wire(),
                    check.consecutiveFailures(), check.stateChangedAt(), check.unhealthySince(),
                    check.lastCheckedAt(), check.lastStatusCode(), check.lastError(), check.liveSince());
        }
    }

    record HealthCheckList(UUID projectId, List<HealthCheckView> checks) {
    }

    record ProbeResultView(Instant checkedAt, boolean healthy, Integer statusCode, long latencyMs, String error) {
    }

    /** {@code results} newest first, a page of them. */
    record HealthCheckDetail(HealthCheckView check, ResultPage results) {
    }

    record ResultPage(List<ProbeResultView> content, int page, int size, long totalElements, long totalPages) {
    }
}
