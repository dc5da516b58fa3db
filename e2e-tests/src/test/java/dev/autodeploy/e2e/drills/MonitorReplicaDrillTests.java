package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two monitor-service replicas; the one a client's live log stream is on is killed ({@code kill -9}) while the build
 * prints numbered lines: the client reconnects through the gateway with the last sequence it got, lands on the other
 * replica and ends with every line exactly once, in order.
 */
@Tag("drill")
@ExtendWith(DrillSuite.class)
class MonitorReplicaDrillTests {

    private static final Pattern CLIENTS = Pattern.compile("(?m)^autodeploy_monitor_stream_clients(?:\\{[^}]*})? ([0-9.]+)");

    @Test
    void aStreamClientOfAKilledReplicaResumesOnTheOtherAndMissesNothing(DrillSuite suite) {
        int first = suite.port(8084);
        int second = suite.port(8094);
        MonitorReplica replica = MonitorReplica.start(suite, second);
        try {
            Accounts.Organization organization = new Accounts(suite.api()).organization("replica");
            // the replica starts while the project is made
            try (DrillProject project = DrillProject.create(suite.api(), organization, "replica", 40, 400)) {
                replica.awaitUp(suite);
                String deployment = project.deploy("production");
                try (ResumingLogStream stream = new ResumingLogStream(suite.gateway(), deployment, organization.owner().accessToken())) {
                    await("lines arriving live").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                            .until(() -> !stream.poll() && DrillProject.buildLineNumbers(stream.messages()).size() >= 3);
                    int serving = await("the replica serving the stream").atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(200)).until(() -> clients(first) > 0 ? first
                                    : clients(second) > 0 ? second : 0, port -> port != 0);
                    long victim = serving == second ? replica.pid() : suite.pid("monitor-service");
                    Processes.kill9(victim);

                    await("every line, through the other replica").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                            .until(stream::poll);
                    System.out.printf("drill monitor: killed the replica on port %d; the client opened %d socket(s), got %d lines%n",
                            serving, stream.connections(), stream.lines().size());
                    assertThat(stream.connections()).as("sockets opened").isGreaterThanOrEqualTo(2);
                    assertThat(DrillProject.buildLineNumbers(stream.messages())).as("build lines received")
                            .isEqualTo(project.allBuildLines());
                    assertThat(stream.lines()).extracting(line -> line.get("sequence").asLong())
                            .doesNotHaveDuplicates().isSorted();
                }
            }
        } finally {
            replica.stop();
            // the original replica, if it was the one killed
            suite.up();
        }
    }

    /** How many stream clients the replica on {@code port} has (0 when it does not answer). */
    private static double clients(int port) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CLIENTS.matcher(response.body());
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A second monitor-service: the first one's command line and environment, another port. */
    private record MonitorReplica(Process process, int port, Path log) {

        static MonitorReplica start(DrillSuite suite, int port) {
            long original = suite.pid("monitor-service");
            List<String> command = Processes.commandLine(original);
            Map<String, String> environment = Processes.environment(original);
            environment.put("PORT", Integer.toString(port));
            Path log = suite.logs().resolve("monitor-service-" + port + ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                builder.environment().clear();
                builder.environment().putAll(environment);
                return new MonitorReplica(builder.start(), port, log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void awaitUp(DrillSuite suite) {
            await("the second monitor-service healthy and UP in Eureka").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the second monitor-service exited; see " + log);
                        }
                        return suite.answers(port) && suite.registered("MONITOR-SERVICE", port);
                    });
        }

        long pid() {
            return process.pid();
        }

        void stop() {
            if (process.isAlive()) {
                process.destroy();
                await("the second monitor-service stopped").atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            }
        }
    }
}
