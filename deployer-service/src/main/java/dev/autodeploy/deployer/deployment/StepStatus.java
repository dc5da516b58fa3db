package dev.autodeploy.deployer.deployment;

import java.util.Locale;

/** Where one step of a deployment is. */
enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Done with, for good: a resumed deployment does not run the step again. */
    boolean settled() {
        return this == COMPLETED || this == SKIPPED;
    }

    static StepStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
