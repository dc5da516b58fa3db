package dev.autodeploy.monitor.health;

import java.util.Locale;

/** What the probes say about a live deployment. */
enum HealthState {
    UNKNOWN, HEALTHY, UNHEALTHY;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HealthState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
