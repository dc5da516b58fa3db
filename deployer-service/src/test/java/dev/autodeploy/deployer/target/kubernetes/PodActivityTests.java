package dev.autodeploy.deployer.target.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodActivityTests {

    @Test
    void describesWhyAPodIsNotReady() {
        Pod crashing = new PodBuilder().withNewMetadata().withName("web-1").endMetadata().withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus("False").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(3)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                        .build())
                .endStatus().build();
        Pod exited = new PodBuilder().withNewMetadata().withName("web-2").endMetadata().withNewStatus()
                .withPhase("Failed").withContainerStatuses(new ContainerStatusBuilder().withName("app")
                        .withNewState().withNewTerminated().withReason("Error").withExitCode(137).endTerminated()
                        .endState().build())
                .endStatus().build();

        assertThat(PodActivity.describe(crashing))
                .isEqualTo("Running, not ready, app waiting: CrashLoopBackOff, app restarted 3x");
        assertThat(PodActivity.describe(exited)).isEqualTo("Failed, app terminated: Error, exit code 137");
        assertThat(PodActivity.describe(new PodBuilder().withNewMetadata().withName("web-3").endMetadata().build()))
                .isEqualTo("Pending");
    }
}
