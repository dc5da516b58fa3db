package dev.autodeploy.monitor.metrics;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/metrics/dora | durations | cost?projectId=&environment=&window=7d|30d|90d} (or
 * {@code from}/{@code to} instead of {@code window}) for members of the project's organization; no
 * {@code environment} means all of the project's environments together.
 */
@RestController
class MetricsController {

    private final ProjectAccess access;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    MetricsController(ProjectAccess access, DeliveryMetrics metrics, Clock clock) {
        this.access = access;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/api/v1/metrics/dora")
    MetricsApi.Dora dora(@AuthenticationPrincipal Jwt caller, @RequestParam UUID projectId,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String window,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        MetricsWindow range = authorize(caller, projectId, window, from, to);
        return metrics.dora(projectId, environment, range);
    }

    @GetMapping("/api/v1/metrics/durations")
    MetricsApi.Durations durations(@AuthenticationPrincipal Jwt caller, @RequestParam UUID projectId,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String window,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        MetricsWindow range = authorize(caller, projectId, window, from, to);
        return metrics.durations(projectId, environment, range);
    }

    @GetMapping("/api/v1/metrics/cost")
    MetricsApi.Cost cost(@AuthenticationPrincipal Jwt caller, @RequestParam UUID projectId,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String window,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        MetricsWindow range = authorize(caller, projectId, window, from, to);
        return metrics.cost(projectId, environment, range);
    }

    /** Who asks is checked before what they ask for: a stranger learns nothing, not even that the window is bad. */
    private MetricsWindow authorize(Jwt caller, UUID projectId, String window, String from, String to) {
        access.require(projectId, UUID.fromString(caller.getSubject()));
        return MetricsWindow.of(window, from, to, clock);
    }
}
