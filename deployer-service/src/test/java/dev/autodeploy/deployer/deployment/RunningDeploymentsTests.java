package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.config.WorkerIdentity;
import dev.autodeploy.deployer.target.DeployTarget;
import org.junit.jupiter.api.Test;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The heartbeat's side of cancelling: a cancel the target could not act on yet is passed on again. */
class RunningDeploymentsTests {

    @Test
    void aCancelThatArrivedBeforeTheTargetStartedItsWorkIsPassedOnAgainOnTheNextHeartbeat() {
        DeploymentStore store = mock(DeploymentStore.class);
        DeployTarget target = mock(DeployTarget.class);
        WorkerIdentity identity = mock(WorkerIdentity.class);
        when(identity.worker()).thenReturn("node:test");
        RunningDeployments running = new RunningDeployments(store, identity,
                new DeploymentProperties(2, 3, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(2),
                        java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(15),
                        java.time.Duration.ofHours(2), 10, Map.of()), Clock.systemUTC());
        UUID id = UUID.randomUUID();
        RunningDeployments.Run run = running.start(id, false);
        run.target(target);

        // The user cancels while the runner is between its check and the target's start of the step: the target
        // has nothing to stop yet (its cancel is a no-op then), and the step starts anyway.
        running.cancelHere(id);
        verify(target, times(1)).cancel(id);

        when(store.extend(anyString(), anyCollection(), any())).thenReturn(List.of(new DeploymentStore.Held(id, true)));
        running.heartbeat();
        running.heartbeat();
        verify(target, times(3)).cancel(id);

        running.finish(id);
        running.heartbeat();
        verify(target, times(3)).cancel(id);
    }
}
