package dev.autodeploy.monitor.metrics;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The DORA gauges on {@code /actuator/prometheus}.
 *
 * @param gauges which project/environment pairs get gauges, over which window, how often they are recomputed
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.metrics")
record MetricsProperties(@NotNull @Valid @DefaultValue Gauges gauges) {

    /**
     * @param window the trailing window the gauges cover
     * @param refreshInterval time between two recomputations
     * @param maxSeries most project/environment pairs exported (the most recently deployed first): bounds the
     *        gauges' cardinality
     */
    record Gauges(@NotNull @DefaultValue("30d") Duration window, @NotNull @DefaultValue("5m") Duration refreshInterval,
            @Min(1) @Max(10_000) @DefaultValue("200") int maxSeries) {
    }
}
