package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentLogTests {

    private final DeploymentLogs publisher = Mockito.mock(DeploymentLogs.class);
    private final LogProperties properties = new LogProperties(Duration.ofMillis(100), 500, 3, 80);

    private DeploymentLog log(long publishedUpTo) {
        return new DeploymentLog(UUID.randomUUID(), UUID.randomUUID(), publishedUpTo, publisher, properties,
                Clock.systemUTC());
    }

    @Test
    void linesAreNumberedOnFromWhatWasPublishedAndCarryTheirStep() {
        DeploymentLog log = log(41);
        log.step(Step.BUILD_APPLICATION);
        log.line("info", "build", "npm install");
        log.step(null);
        log.line("WARN", null, "runtime says hi");
        log.line("loud", "runtime", "odd level");

        List<DeploymentLog.Line> lines = log.take(10);
        assertThat(lines).extracting(DeploymentLog.Line::sequence).containsExactly(42L, 43L, 44L);
        assertThat(lines).extracting(DeploymentLog.Line::step).containsExactly("build_application", null, null);
        assertThat(lines).extracting(DeploymentLog.Line::level).containsExactly("info", "warn", "info");
        assertThat(lines.get(1).source()).isEqualTo("system");
        assertThat(log.isEmpty()).isTrue();
    }

    @Test
    void secretValuesAreMaskedWholeAndShortOnesAreLeftAlone() {
        DeploymentLog log = log(0);
        log.mask(Set.of("s3cr3t-token", "s3cr3t-token-long", "on"));
        log.line("info", "runtime", "key=s3cr3t-token-long other=s3cr3t-token switch=on");

        assertThat(log.take(1).getFirst().message()).isEqualTo("key=**** other=**** switch=on");
    }

    @Test
    void longLinesAreCutAndALostBacklogIsCounted() {
        DeploymentLog log = log(0);
        log.line("info", "build", "x".repeat(200));
        assertThat(log.take(1).getFirst().message()).hasSize(80 + " [cut]".length()).endsWith(" [cut]");

        for (int i = 0; i < 5; i++) {
            log.line("info", "build", "line " + i);
        }
        List<DeploymentLog.Line> kept = log.take(10);
        assertThat(kept).hasSize(3);
        assertThat(kept.getFirst().message()).startsWith("2 earlier line(s) were dropped").endsWith("line 2");
        assertThat(kept.getFirst().level()).isEqualTo("warn");
    }

    @Test
    void linesThatCouldNotBePublishedGoBackInFront() {
        DeploymentLog log = log(0);
        log.line("info", "build", "one");
        log.line("info", "build", "two");
        List<DeploymentLog.Line> first = log.take(1);
        log.giveBack(first);

        assertThat(log.take(5)).extracting(DeploymentLog.Line::message).containsExactly("one", "two");
    }
}
