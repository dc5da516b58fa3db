package dev.autodeploy.deployer.target;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Following CI runs: a cancel wakes the follower at once; a stopping deployer hands the deployment back. */
class FollowedRunsTests {

    private final FollowedRuns runs = new FollowedRuns();

    @Test
    void cancelWakesTheFollowerAtOnce() throws Exception {
        UUID deployment = UUID.randomUUID();
        FollowedRuns.Run run = runs.follow(deployment, UUID.randomUUID());
        Instant start = Instant.now();
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return run.await(Duration.ofSeconds(30));
            }
            catch (DeployFailure failure) {
                throw new IllegalStateException(failure);
            }
        });

        await().atMost(Duration.ofSeconds(2)).until(() -> runs.cancel(deployment));

        assertThat(woken.get()).isTrue();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(run.cancelled()).isTrue();
    }

    @Test
    void aWaitWithoutCancelEndsFalseAndAFinishedRunIsNoLongerCancellableHere() throws DeployFailure {
        UUID deployment = UUID.randomUUID();
        FollowedRuns.Run run = runs.follow(deployment, UUID.randomUUID());

        assertThat(run.await(Duration.ofMillis(20))).isFalse();
        runs.finished(deployment, run);

        assertThat(runs.cancel(deployment)).isFalse();
        assertThat(run.cancelled()).isFalse();
    }

    @Test
    void removingAnEnvironmentStopsTheFollowersOfItsDeploymentsOnly() {
        UUID environment = UUID.randomUUID();
        FollowedRuns.Run first = runs.follow(UUID.randomUUID(), environment);
        FollowedRuns.Run second = runs.follow(UUID.randomUUID(), environment);
        FollowedRuns.Run other = runs.follow(UUID.randomUUID(), UUID.randomUUID());

        runs.cancelEnvironment(environment);

        assertThat(first.cancelled()).isTrue();
        assertThat(second.cancelled()).isTrue();
        assertThat(other.cancelled()).isFalse();
    }

    @Test
    void aStoppingDeployerGivesTheDeploymentBackAsRetryableWithoutCancellingTheRun() throws Exception {
        FollowedRuns.Run run = runs.follow(UUID.randomUUID(), UUID.randomUUID());
        AtomicReference<DeployFailure> failure = new AtomicReference<>();
        Thread follower = Thread.ofPlatform().start(() -> {
            try {
                run.await(Duration.ofSeconds(30));
            }
            catch (DeployFailure stopped) {
                failure.set(stopped);
            }
        });

        follower.interrupt();
        follower.join(5000);

        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().retryable()).isTrue();
        assertThat(failure.get().cancelled()).isFalse();
        assertThat(run.cancelled()).isFalse();
    }

    @Test
    void aNudgeMakesTheFollowerPollNowWithoutStoppingIt() throws Exception {
        UUID deployment = UUID.randomUUID();
        FollowedRuns.Run run = runs.follow(deployment, UUID.randomUUID());
        Instant start = Instant.now();
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return run.await(Duration.ofSeconds(30));
            }
            catch (DeployFailure failure) {
                throw new IllegalStateException(failure);
            }
        });

        await().atMost(Duration.ofSeconds(2)).until(() -> runs.nudge(deployment) && woken.isDone());

        assertThat(woken.get()).isFalse();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(run.cancelled()).isFalse();
        run.await(Duration.ofMillis(1));
        Instant next = Instant.now();
        assertThat(run.await(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.between(next, Instant.now())).as("a nudge wakes one wait only")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(runs.nudge(UUID.randomUUID())).isFalse();
    }
}
