package dev.autodeploy.monitor.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The metric rules without Spring: percentiles, windows, failed changes and incidents. */
class DoraCalculatorTests {

    private static final Instant T = Instant.parse("2026-11-02T00:00:00Z");
    private static final MetricsWindow DAY = new MetricsWindow(T, T.plusSeconds(86_400));

    @Test
    void percentilesInterpolateBetweenTheNearestRanks() {
        Percentiles sample = Percentiles.of(List.of(40.0, 10.0, 30.0, 20.0));

        assertThat(sample.at(0.5)).isEqualTo(25.0);
        assertThat(sample.at(0.9)).isCloseTo(37.0, within(1e-9));
        assertThat(sample.at(0)).isEqualTo(10.0);
        assertThat(sample.at(1)).isEqualTo(40.0);
        assertThat(Percentiles.of(List.of(7.0)).at(0.99)).isEqualTo(7.0);
        assertThat(Percentiles.of(List.of()).at(0.5)).isNull();
    }

    @Test
    void namedWindowsEndNowAndExplicitOnesAreChecked() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);

        assertThat(MetricsWindow.of(null, null, null, clock))
                .isEqualTo(new MetricsWindow(T.minusSeconds(30 * 86_400L), T));
        assertThat(MetricsWindow.of("7d", null, null, clock).days()).isEqualTo(7.0);
        assertThat(MetricsWindow.of(null, "2026-11-01T00:00:00Z", null, clock))
                .isEqualTo(new MetricsWindow(Instant.parse("2026-11-01T00:00:00Z"), T));
        assertThatThrownBy(() -> MetricsWindow.of("1y", null, null, clock))
                .isInstanceOf(MetricsProblems.InvalidWindow.class);
        assertThatThrownBy(() -> MetricsWindow.of(null, null, "2026-11-01T00:00:00Z", clock))
                .isInstanceOf(MetricsProblems.InvalidWindow.class);
        assertThatThrownBy(() -> MetricsWindow.of(null, "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", clock))
                .as("longer than 366 days").isInstanceOf(MetricsProblems.InvalidWindow.class);
    }

    @Test
    void consecutiveFailuresAreOneIncidentAndAnUnrestoredOneIsCountedApart() {
        // ready at 1h; errors at 2h and 3h (one incident from 2h); ready at 5h restores it: 3h = 10800 s.
        // Then an error at 6h that nothing restores before the window ends.
        List<DeliveryRun> runs = List.of(run("deploy", "ready", 1), run("deploy", "error", 2),
                run("retry", "error", 3), run("deploy", "ready", 5), run("deploy", "error", 6));

        DoraCalculator.DoraFigures figures = DoraCalculator.compute(List.of(runs), DAY);

        assertThat(figures.restoreSeconds()).containsExactly(10_800.0);
        assertThat(figures.unrestoredFailures()).isEqualTo(1);
        assertThat(figures.failedChanges()).isEqualTo(3);
        assertThat(figures.finishedDeployments()).isEqualTo(5);
        assertThat(figures.successfulDeployments()).isEqualTo(2);
    }

    @Test
    void aReadyDeploymentIsAFailedChangeWhenTheNextNonCancelledOneIsARollback() {
        DeliveryRun rolledBackFrom = run("deploy", "ready", 1);
        List<DeliveryRun> runs = List.of(run("deploy", "ready", 0), rolledBackFrom, run("deploy", "cancelled", 2),
                run("rollback", "ready", 3));

        assertThat(DoraCalculator.failedChanges(runs)).containsExactly(rolledBackFrom.id());
        DoraCalculator.DoraFigures figures = DoraCalculator.compute(List.of(runs), DAY);
        // deployments at 0h, 1h, 3h finished ready; the rollback has no lead time (it is no change)
        assertThat(figures.changeFailureRate()).isEqualTo(1.0 / 3);
        assertThat(figures.leadTimeSeconds()).hasSize(2);
        assertThat(figures.restoreSeconds()).containsExactly(7200.0);
    }

    @Test
    void aDeploymentAwaitingApprovalIsNeitherAChangeNorAFailureAndHidesNoRollback() {
        DeliveryRun rolledBackFrom = run("deploy", "ready", 1);
        DeliveryRun waiting = new DeliveryRun(UUID.randomUUID(), "production", "deploy", "awaiting_approval", "local",
                T, T.plusSeconds(2 * 3600L), null, null);
        List<DeliveryRun> runs = List.of(run("deploy", "ready", 0), rolledBackFrom, waiting, run("rollback", "ready", 3));

        assertThat(DoraCalculator.failedChanges(runs)).containsExactly(rolledBackFrom.id());
        DoraCalculator.DoraFigures figures = DoraCalculator.compute(List.of(runs), DAY);
        assertThat(figures.finishedDeployments()).isEqualTo(3);
    }

    @Test
    void anEmptyWindowHasNoRatesNorMedians() {
        DoraCalculator.DoraFigures figures = DoraCalculator.compute(List.of(), DAY);

        assertThat(figures.deploymentsPerDay()).isZero();
        assertThat(figures.changeFailureRate()).isNull();
        assertThat(figures.leadTimeSeconds()).isEmpty();
    }

    /** Created and started at {@code hour}, commit an hour earlier, finished {@code hour} hours after T. */
    private static DeliveryRun run(String action, String status, int hour) {
        Instant at = T.plusSeconds(hour * 3600L);
        return new DeliveryRun(UUID.randomUUID(), "production", action, status, "local", at.minusSeconds(3600), at,
                at, at);
    }
}
