package dev.autodeploy.monitor.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthStateMachineTests {

    private final HealthStateMachine machine = new HealthStateMachine(3);

    @Test
    void aPassingProbeMakesItHealthyAtOnce() {
        assertThat(machine.next(HealthState.UNKNOWN, 0, true)).isEqualTo(verdict(HealthState.HEALTHY, 0));
        assertThat(machine.next(HealthState.UNHEALTHY, 7, true)).isEqualTo(verdict(HealthState.HEALTHY, 0));
    }

    @Test
    void failuresFlipItOnlyAtTheThreshold() {
        assertThat(machine.next(HealthState.HEALTHY, 0, false)).isEqualTo(verdict(HealthState.HEALTHY, 1));
        assertThat(machine.next(HealthState.HEALTHY, 1, false)).isEqualTo(verdict(HealthState.HEALTHY, 2));
        assertThat(machine.next(HealthState.HEALTHY, 2, false)).isEqualTo(verdict(HealthState.UNHEALTHY, 3));
        assertThat(machine.next(HealthState.UNHEALTHY, 3, false)).isEqualTo(verdict(HealthState.UNHEALTHY, 4));
    }

    @Test
    void anAppThatNeverAnsweredStaysUnknownUntilTheThreshold() {
        assertThat(machine.next(HealthState.UNKNOWN, 0, false)).isEqualTo(verdict(HealthState.UNKNOWN, 1));
        assertThat(machine.next(HealthState.UNKNOWN, 2, false)).isEqualTo(verdict(HealthState.UNHEALTHY, 3));
    }

    private static HealthStateMachine.Verdict verdict(HealthState state, int failures) {
        return new HealthStateMachine.Verdict(state, failures);
    }
}
