package dev.autodeploy.deployer.deployment;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentStateMachineTests {

    @Test
    void deploymentsOnlyMoveForwardAndNeverLeaveAFinishedStatus() {
        Set<String> allowed = Set.of("AWAITING_APPROVAL>QUEUED", "AWAITING_APPROVAL>CANCELLED", "QUEUED>BUILDING", "QUEUED>DEPLOYING", "QUEUED>ERROR", "QUEUED>CANCELLED",
                "BUILDING>DEPLOYING", "BUILDING>ERROR", "BUILDING>CANCELLED",
                "DEPLOYING>READY", "DEPLOYING>ERROR", "DEPLOYING>CANCELLED");
        for (DeploymentStatus from : DeploymentStatus.values()) {
            for (DeploymentStatus to : DeploymentStatus.values()) {
                assertThat(DeploymentStateMachine.canMove(from, to)).as("%s -> %s", from, to)
                        .isEqualTo(allowed.contains(from + ">" + to));
            }
        }
    }

    @Test
    void stepsRunOnceAndGoBackToPendingOnlyFromRunning() {
        Set<String> allowed = Set.of("PENDING>RUNNING", "PENDING>SKIPPED", "PENDING>CANCELLED",
                "RUNNING>COMPLETED", "RUNNING>SKIPPED", "RUNNING>FAILED", "RUNNING>CANCELLED", "RUNNING>PENDING");
        for (StepStatus from : StepStatus.values()) {
            for (StepStatus to : StepStatus.values()) {
                assertThat(DeploymentStateMachine.canMove(from, to)).as("%s -> %s", from, to)
                        .isEqualTo(allowed.contains(from + ">" + to));
            }
        }
        assertThat(EnumSet.allOf(StepStatus.class).stream().filter(StepStatus::settled))
                .containsExactlyInAnyOrder(StepStatus.COMPLETED, StepStatus.SKIPPED);
    }

    @ParameterizedTest
    @CsvSource({ "running, DEPLOYING", "success, READY", "failed, ERROR", "canceled, CANCELLED", "queued, QUEUED",
            "building, BUILDING", "deploying, DEPLOYING", "ready, READY", "error, ERROR", "cancelled, CANCELLED",
            "' Success ', READY" })
    void ciCallbacksSpeakSeedZerosStatusesAndOurs(String reported, DeploymentStatus meant) {
        assertThat(DeploymentStateMachine.fromCallback(reported)).contains(meant);
    }

    @Test
    void unknownCallbackStatusesAreNotGuessed() {
        assertThat(DeploymentStateMachine.fromCallback("done")).isEmpty();
        assertThat(DeploymentStateMachine.fromCallback(null)).isEmpty();
    }

    @Test
    void startingAStepMovesTheDeploymentOnlyForward() {
        assertThat(DeploymentStateMachine.whenStarting(DeploymentStatus.QUEUED, Step.ANALYZE_REPOSITORY))
                .isEqualTo(DeploymentStatus.BUILDING);
        assertThat(DeploymentStateMachine.whenStarting(DeploymentStatus.BUILDING, Step.BUILD_APPLICATION))
                .isEqualTo(DeploymentStatus.BUILDING);
        assertThat(DeploymentStateMachine.whenStarting(DeploymentStatus.BUILDING, Step.DEPLOY_TO_PROVIDER))
                .isEqualTo(DeploymentStatus.DEPLOYING);
        assertThat(DeploymentStateMachine.whenStarting(DeploymentStatus.DEPLOYING, Step.DEPLOY_TO_PROVIDER))
                .isEqualTo(DeploymentStatus.DEPLOYING);
        assertThat(DeploymentStateMachine.whenStarting(DeploymentStatus.QUEUED, Step.DEPLOY_TO_PROVIDER))
                .isEqualTo(DeploymentStatus.DEPLOYING);
    }

    @Test
    void backOffDoublesUpToItsLimit() {
        DeploymentProperties properties = new DeploymentProperties(2, 5, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(15), java.time.Duration.ofHours(2), 10,
                java.util.Map.of("build_application", java.time.Duration.ofSeconds(90)));
        assertThat(properties.backoff(1)).hasSeconds(5);
        assertThat(properties.backoff(2)).hasSeconds(10);
        assertThat(properties.backoff(3)).hasSeconds(20);
        assertThat(properties.backoff(4)).hasSeconds(30);
        assertThat(properties.backoff(40)).hasSeconds(30);
        assertThat(properties.defaultEstimateSeconds(Step.BUILD_APPLICATION)).isEqualTo(90);
        assertThat(properties.defaultEstimateSeconds(Step.ANALYZE_REPOSITORY)).isEqualTo(30);
    }
}
