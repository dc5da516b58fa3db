package dev.autodeploy.monitor.health;

/**
 * The verdict after one more probe: {@code unknown → healthy ↔ unhealthy}. A passing probe makes a deployment
 * healthy at once; failures count up, and only {@code failureThreshold} of them in a row make it unhealthy (from
 * unknown too), so one blip changes nothing.
 */
final class HealthStateMachine {

    /** The state and the failures in a row after a probe. */
    record Verdict(HealthState state, int consecutiveFailures) {
    }

    private final int failureThreshold;

    HealthStateMachine(int failureThreshold) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
    }

    Verdict next(HealthState state, int consecutiveFailures, boolean passed) {
        if (passed) {
            return new Verdict(HealthState.HEALTHY, 0);
        }
        int failures = consecutiveFailures + 1;
        return new Verdict(failures >= failureThreshold ? HealthState.UNHEALTHY : state, failures);
    }
}
