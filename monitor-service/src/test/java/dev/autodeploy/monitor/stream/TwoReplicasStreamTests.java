package dev.autodeploy.monitor.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import dev.autodeploy.monitor.MonitorServiceApplication;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two monitor replicas on one database, broker and Redis: this test's context and a second one on another port
 * whose Kafka consumers stay off, so everything is ingested by the first and reaches the second's clients only
 * through the Redis fan-out.
 */
class TwoReplicasStreamTests extends MonitorTest {

    private static ConfigurableApplicationContext other;

    @Autowired
    private Environment environment;

    @BeforeAll
    static void noSecondReplicaYet() {
        other = null;
    }

    @AfterAll
    static void stopSecondReplica() {
        if (other != null) {
            other.close();
        }
    }

    private int otherPort() {
        if (other == null) {
            Map<String, Object> properties = new HashMap<>();
            for (String key : List.of("spring.datasource.url", "spring.datasource.username",
                    "spring.datasource.password", "spring.data.redis.host", "spring.data.redis.port",
                    "autodeploy.redis.key-prefix", "spring.kafka.bootstrap-servers",
                    "spring.kafka.consumer.group-id", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri")) {
                properties.put(key, environment.getProperty(key, ""));
            }
            properties.put("spring.cloud.config.enabled", "false");
            properties.put("eureka.client.enabled", "false");
            properties.put("server.port", "0");
            properties.put("spring.kafka.listener.auto-startup", "false");
            // as command-line arguments: above config-repo's values, as the test context's own are
            other = new SpringApplicationBuilder(MonitorServiceApplication.class).profiles("test")
                    .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                            .toArray(String[]::new));
        }
        return Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aLineIngestedByOneReplicaReachesClientsOfBoth() {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        awaitKnown(deployment.id, "building");
        String path = "/api/v1/deployments/" + deployment.id + "/logs/stream?access_token=" + member.token();
        StreamClient here = StreamClient.connect("ws://127.0.0.1:" + port + path);
        StreamClient there = StreamClient.connect("ws://127.0.0.1:" + otherPort() + path);
        StreamClient status = StreamClient.connect("ws://127.0.0.1:" + otherPort() + "/api/v1/deployments/"
                + deployment.id + "/status/stream?access_token=" + member.token());
        await().atMost(Duration.ofSeconds(30)).until(() -> status.received.size() == 1);

        for (int i = 1; i <= 20; i++) {
            deployment.log("info", "build_application", "line " + i, Instant.now());
        }
        deployment.status("deploying", Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> there.sequences().size() >= 20
                && here.sequences().size() >= 20);
        List<Long> all = LongStream.rangeClosed(1, 20).boxed().toList();
        assertThat(there.sequences()).containsExactlyElementsOf(all);
        assertThat(here.sequences()).containsExactlyElementsOf(all);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.received.size() >= 2);
        assertThat(status.received.get(1)).containsEntry("status", "deploying");
        here.close();
        there.close();
        status.close();
    }
}
