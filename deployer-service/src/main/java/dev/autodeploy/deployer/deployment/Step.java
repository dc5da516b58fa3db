package dev.autodeploy.deployer.deployment;

import java.util.Locale;

/** The steps every deployment goes through, in this order (seed 001). */
enum Step {
    ANALYZE_REPOSITORY(DeploymentStatus.BUILDING),
    PROVISION_DATABASE(DeploymentStatus.BUILDING),
    BUILD_APPLICATION(DeploymentStatus.BUILDING),
    DEPLOY_TO_PROVIDER(DeploymentStatus.DEPLOYING);

    private final DeploymentStatus whileRunning;

    Step(DeploymentStatus whileRunning) {
        this.whileRunning = whileRunning;
    }

    /** The deployment's status while this step runs. */
    DeploymentStatus whileRunning() {
        return whileRunning;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Step fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
