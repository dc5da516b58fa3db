package dev.autodeploy.monitor.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streams through the real gateway ({@link GatewayProcess}: a child JVM of the gateway module as this reactor
 * built it, in front of this test's monitor).
 */
class GatewayStreamTests extends MonitorTest {

    private static GatewayProcess gateway;

    @Autowired
    private Environment environment;

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    private String gateway() throws IOException {
        if (gateway == null) {
            gateway = GatewayProcess.start(port, environment);
        }
        return gateway.ws();
    }

    @Test
    void aClientThroughTheGatewayGetsTheBacklogThenLiveLinesInOrder() throws IOException {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        for (int i = 1; i <= 10; i++) {
            deployment.log("info", "build_application", "line " + i, Instant.now());
        }
        awaitKnown(deployment.id, "building");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ?").param(deployment.id)
                .query(Long.class).single() == 10);

        String base = gateway() + "/api/v1/deployments/" + deployment.id;
        StreamClient logs = StreamClient.connect(base + "/logs/stream?cursor=0&access_token=" + member.token());
        StreamClient status = StreamClient.withSubprotocol(base + "/status/stream", member.token());
        for (int i = 11; i <= 25; i++) {
            deployment.log("info", "build_application", "line " + i, Instant.now());
        }
        deployment.status("deploying", Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> logs.sequences().size() >= 25);
        assertThat(logs.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(logs.ofType("deployment.log").get(24)).containsEntry("message", "line 25");
        assertThat(status.subprotocol).isEqualTo("bearer");
        await().atMost(Duration.ofSeconds(30)).until(() -> status.ofType("deployment.status").stream()
                .anyMatch(message -> "deploying".equals(message.get("status"))));
        logs.close();
        status.close();
    }

    /**
     * Spring Cloud Gateway accepts the client's upgrade before it connects to the monitor: a handshake the monitor
     * refuses (stranger, no token) reaches the client as a socket closed before any message, not as an HTTP status.
     * A token that is given but invalid the gateway refuses itself, with 401.
     */
    @Test
    void aHandshakeTheMonitorRefusesEndsTheClientsSocketWithoutAMessage() throws IOException {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now());
        deployment.log("info", "build_application", "secret-ish line", Instant.now());
        awaitKnown(deployment.id, "queued");
        String uri = gateway() + "/api/v1/deployments/" + deployment.id + "/logs/stream";

        for (String refused : List.of(uri + "?access_token=" + stranger().token(), uri)) {
            StreamClient client = StreamClient.connect(refused);
            assertThat(client.closed).succeedsWithin(Duration.ofSeconds(30));
            assertThat(client.received).isEmpty();
            assertThat(client.closed.join()).isNotEqualTo(1000);
        }
        assertThat(StreamClient.refusal(uri + "?access_token="
                + TestTokens.get().forgedForUser(member.userId()), null)).isEqualTo(401);
    }
}
