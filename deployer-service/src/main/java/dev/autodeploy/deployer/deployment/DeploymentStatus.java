package dev.autodeploy.deployer.deployment;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a deployment is: {@code queued → building → deploying → ready | error | cancelled}; one that needs
 * approval starts {@code awaiting_approval} and goes to {@code queued} once approved (or ends {@code cancelled}).
 */
enum DeploymentStatus {
    AWAITING_APPROVAL, QUEUED, BUILDING, DEPLOYING, READY, ERROR, CANCELLED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean terminal() {
        return this == READY || this == ERROR || this == CANCELLED;
    }

    static Optional<DeploymentStatus> fromWire(String value) {
        for (DeploymentStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
