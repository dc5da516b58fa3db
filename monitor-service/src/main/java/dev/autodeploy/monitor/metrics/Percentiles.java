package dev.autodeploy.monitor.metrics;

import java.util.List;

/**
 * Percentiles of a sample by linear interpolation between the two nearest ranks (Hyndman and Fan's method 7, the
 * one of PostgreSQL's {@code percentile_cont} and spreadsheets' {@code PERCENTILE.INC}): for {@code n} sorted values
 * the {@code p}-th percentile sits at zero-based rank {@code (n - 1) * p}.
 */
final class Percentiles {

    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(List<Double> values) {
        return new Percentiles(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    int count() {
        return sorted.length;
    }

    /** The {@code p}-th percentile ({@code 0 <= p <= 1}), or null for an empty sample. */
    Double at(double p) {
        if (sorted.length == 0) {
            return null;
        }
        double rank = (sorted.length - 1) * p;
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
