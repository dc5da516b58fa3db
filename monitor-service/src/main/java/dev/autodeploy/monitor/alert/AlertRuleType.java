package dev.autodeploy.monitor.alert;

import java.util.Arrays;
import java.util.Optional;

/** What makes a rule fire. */
enum AlertRuleType {
    /** A deployment of the project ended in error. */
    DEPLOYMENT_FAILED("deployment-failed"),
    /** The live deployment of an environment has been unhealthy for the rule's {@code minutes}. */
    HEALTH_CHECK_FAILING("health-check-failing"),
    /** At least {@code threshold} error lines were logged in the environment within {@code window}. */
    ERROR_LOG_RATE("error-log-rate");

    static final String WIRE_VALUES = "deployment-failed|health-check-failing|error-log-rate";

    private final String wire;

    AlertRuleType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static Optional<AlertRuleType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(value)).findFirst();
    }
}
