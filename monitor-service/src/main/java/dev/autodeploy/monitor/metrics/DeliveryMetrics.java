package dev.autodeploy.monitor.metrics;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** A project's (or one environment's) DORA figures, deployment durations and cost over a window. */
@Component
class DeliveryMetrics {

    private final DeliveryHistory history;
    private final CostCalculator costs;
    private final Clock clock;

    DeliveryMetrics(DeliveryHistory history, CostCalculator costs, Clock clock) {
        this.history = history;
        this.costs = costs;
        this.clock = clock;
    }

    DoraCalculator.DoraFigures figures(UUID projectId, String environment, MetricsWindow window) {
        return DoraCalculator.compute(history.byEnvironment(projectId, environment, window.to()).values(), window);
    }

    MetricsApi.Dora dora(UUID projectId, String environment, MetricsWindow window) {
        DoraCalculator.DoraFigures figures = figures(projectId, environment, window);
        Percentiles leadTimes = Percentiles.of(figures.leadTimeSeconds());
        Percentiles restores = Percentiles.of(figures.restoreSeconds());
        return new MetricsApi.Dora(projectId, environment, window.from(), window.to(), window.days(),
                new MetricsApi.DeploymentFrequency(figures.successfulDeployments(), figures.deploymentsPerDay()),
                new MetricsApi.LeadTime(leadTimes.count(), leadTimes.at(0.5), leadTimes.at(0.9)),
                new MetricsApi.ChangeFailureRate(figures.failedChanges(), figures.finishedDeployments(),
                        figures.changeFailureRate()),
                new MetricsApi.TimeToRestore(restores.count(), figures.unrestoredFailures(), restores.at(0.5)));
    }

    MetricsApi.Durations durations(UUID projectId, String environment, MetricsWindow window) {
        List<MetricsApi.StepDuration> steps = history.completedSteps(projectId, environment, window).entrySet()
                .stream().map(step -> duration(step.getKey(), step.getValue())).toList();
        List<Double> totals = history.byEnvironment(projectId, environment, window.to()).values().stream()
                .flatMap(Collection::stream)
                .filter(run -> run.ready() && window.contains(run.finishedAt()) && run.runTime() != null)
                .map(run -> run.runTime().toMillis() / 1000d).toList();
        return new MetricsApi.Durations(projectId, environment, window.from(), window.to(), steps,
                duration("total", totals));
    }

    MetricsApi.Cost cost(UUID projectId, String environment, MetricsWindow window) {
        Map<String, List<DeliveryRun>> environments = history.byEnvironment(projectId, environment, window.to());
        List<CostCalculator.EnvironmentCost> each = environments.entrySet().stream()
                .map(entry -> costs.environment(entry.getKey(), entry.getValue(), window, clock.instant())).toList();
        List<String> currencies = each.stream().map(CostCalculator.EnvironmentCost::currency).filter(Objects::nonNull)
                .distinct().toList();
        boolean known = each.stream().allMatch(part -> part.cost() != null) && currencies.size() <= 1;
        BigDecimal total = known ? each.stream().map(CostCalculator.EnvironmentCost::cost)
                .reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add) : null;
        return new MetricsApi.Cost(projectId, environment, window.from(), window.to(), total,
                known && currencies.size() == 1 ? currencies.getFirst() : null,
                CostCalculator.HOURS_PER_MONTH.intValue(), each);
    }

    private static MetricsApi.StepDuration duration(String step, List<Double> seconds) {
        Percentiles percentiles = Percentiles.of(seconds);
        return new MetricsApi.StepDuration(step, percentiles.count(), percentiles.at(0.5), percentiles.at(0.9),
                percentiles.at(0.99));
    }
}
