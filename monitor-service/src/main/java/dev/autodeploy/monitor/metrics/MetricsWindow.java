package dev.autodeploy.monitor.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The time range {@code [from, to)} a metric is computed over: one of the named windows ending now
 * ({@code window=7d|30d|90d}, 30 days when nothing is given), or explicit ISO-8601 instants {@code from} and
 * optionally {@code to} (default now), at most {@link #LONGEST} long.
 */
record MetricsWindow(Instant from, Instant to) {

    static final Duration LONGEST = Duration.ofDays(366);
    private static final Map<String, Duration> NAMED = Map.of("7d", Duration.ofDays(7), "30d", Duration.ofDays(30),
            "90d", Duration.ofDays(90));

    static MetricsWindow of(String window, String from, String to, Clock clock) {
        Instant now = clock.instant();
        if (window != null && (from != null || to != null)) {
            throw new MetricsProblems.InvalidWindow("Give either window or from/to, not both.");
        }
        if (from == null && to != null) {
            throw new MetricsProblems.InvalidWindow("to needs a from.");
        }
        if (from == null) {
            Duration length = NAMED.get(window == null ? "30d" : window);
            if (length == null) {
                throw new MetricsProblems.InvalidWindow("window must be one of 7d, 30d, 90d.");
            }
            return new MetricsWindow(now.minus(length), now);
        }
        MetricsWindow explicit = new MetricsWindow(instant("from", from), to == null ? now : instant("to", to));
        if (!explicit.from.isBefore(explicit.to)) {
            throw new MetricsProblems.InvalidWindow("from must be before to.");
        }
        if (explicit.length().compareTo(LONGEST) > 0) {
            throw new MetricsProblems.InvalidWindow("A window is at most 366 days long.");
        }
        return explicit;
    }

    Duration length() {
        return Duration.between(from, to);
    }

    double days() {
        return length().toMillis() / 86_400_000d;
    }

    boolean contains(Instant instant) {
        return instant != null && !instant.isBefore(from) && instant.isBefore(to);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new MetricsProblems.InvalidWindow(name + " must be an ISO-8601 instant, like 2026-11-01T00:00:00Z.");
        }
    }
}
