package dev.autodeploy.monitor.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The DORA figures as gauges tagged {@code project} and {@code environment}, recomputed on a schedule over the
 * trailing {@code autodeploy.monitor.metrics.gauges.window} for the project/environment pairs with a deployment
 * finished in it — at most {@code max-series} of them, the most recently deployed first, so the number of series
 * stays bounded. A figure without samples (no failure to restore from, say) has no series.
 */
@Component
class DoraGauges {

    private final DeliveryHistory history;
    private final DeliveryMetrics metrics;
    private final MetricsProperties.Gauges settings;
    private final Clock clock;
    private final MultiGauge frequency;
    private final MultiGauge leadTime;
    private final MultiGauge changeFailureRate;
    private final MultiGauge timeToRestore;

    DoraGauges(DeliveryHistory history, DeliveryMetrics metrics, MetricsProperties properties, Clock clock,
            MeterRegistry registry) {
        this.history = history;
        this.metrics = metrics;
        this.settings = properties.gauges();
        this.clock = clock;
        this.frequency = MultiGauge.builder("autodeploy.dora.deployment.frequency")
                .description("Successful deployments per day over the gauge window").register(registry);
        this.leadTime = MultiGauge.builder("autodeploy.dora.lead.time").baseUnit("seconds")
                .description("Median lead time for changes (commit to ready) over the gauge window").register(registry);
        this.changeFailureRate = MultiGauge.builder("autodeploy.dora.change.failure.rate")
                .description("Failed changes / deployments finished ready or error over the gauge window")
                .register(registry);
        this.timeToRestore = MultiGauge.builder("autodeploy.dora.time.to.restore").baseUnit("seconds")
                .description("Median time to restore over the gauge window").register(registry);
    }

    @Scheduled(initialDelayString = "${autodeploy.monitor.metrics.gauges.refresh-interval:PT5M}",
            fixedDelayString = "${autodeploy.monitor.metrics.gauges.refresh-interval:PT5M}")
    synchronized void refresh() {
        Instant now = clock.instant();
        MetricsWindow window = new MetricsWindow(now.minus(settings.window()), now);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<UUID, String> pair : history.activeEnvironments(window.from(), settings.maxSeries())) {
            DoraCalculator.DoraFigures figures = metrics.figures(pair.getKey(), pair.getValue(), window);
            rows.add(new Row(Tags.of("project", pair.getKey().toString(), "environment", pair.getValue()), figures));
        }
        frequency.register(rows(rows, DoraCalculator.DoraFigures::deploymentsPerDay), true);
        leadTime.register(rows(rows, figures -> Percentiles.of(figures.leadTimeSeconds()).at(0.5)), true);
        changeFailureRate.register(rows(rows, DoraCalculator.DoraFigures::changeFailureRate), true);
        timeToRestore.register(rows(rows, figures -> Percentiles.of(figures.restoreSeconds()).at(0.5)), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<Row> rows, Function<DoraCalculator.DoraFigures, Double> value) {
        List<MultiGauge.Row<?>> gauges = new ArrayList<>();
        for (Row row : rows) {
            Double figure = value.apply(row.figures());
            if (figure != null) {
                gauges.add(MultiGauge.Row.of(row.tags(), figure));
            }
        }
        return gauges;
    }

    private record Row(Tags tags, DoraCalculator.DoraFigures figures) {
    }
}
