package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that stops answering (monitor-service frozen with {@code kill -STOP}, or analyzer-service gone with
 * {@code kill -9}): the gateway answers
 * calls to it fast with an {@code application/problem+json} 503/504 instead of hanging, keeps answering fast while
 * it is out (circuit breaker open), and passes calls again once it is back.
 */
@Tag("drill")
@ExtendWith(DrillSuite.class)
class GatewayOutageDrillTests {

    /** The longest a client may wait for the first answer about a service that does not answer. */
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(15);
    /** The longest once the gateway knows the service is out (breaker open) or it refuses connections. */
    private static final Duration FAST_ANSWER = Duration.ofSeconds(2);

    @Test
    void aFrozenServiceIsAnsweredForFastWithAProblemAndServedAgainWhenItThaws(DrillSuite suite) {
        Accounts.Organization organization = new Accounts(suite.api()).organization("outage");
        Api api = suite.api().as(organization.owner());
        String token = organization.owner().accessToken();
        // monitor-service: the gateway's default time limit (10 s); analyzer's is 30 s (ls-remote)
        String monitorCall = "/api/v1/alerts?organizationId=" + organization.id();
        awaitServed(api, monitorCall);
        long monitor = suite.pid("monitor-service");

        Processes.signal(monitor, "STOP");
        try {
            Timed first = Timed.call(suite, token, monitorCall);
            System.out.println("drill gateway: frozen monitor, first answer " + first);
            assertProblem(first, FIRST_ANSWER);
            // enough calls at once to fill the breaker's window (minimum-number-of-calls 10): each times out
            List<Timed> burst;
            try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Timed>> sent = java.util.stream.IntStream.range(0, 10)
                        .mapToObj(n -> calls.submit(() -> Timed.call(suite, token, monitorCall))).toList();
                burst = sent.stream().map(GatewayOutageDrillTests::answer).toList();
            }
            assertThat(burst).as("calls at once while the service is out").allSatisfy(call -> assertProblem(call, FIRST_ANSWER));
            List<Timed> repeated = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                repeated.add(Timed.call(suite, token, monitorCall));
            }
            System.out.println("drill gateway: with the breaker open " + repeated.getLast());
            assertThat(repeated).as("calls once the breaker is open").allSatisfy(call -> assertProblem(call, FAST_ANSWER));
            // the other services are not affected
            assertThat(api.get("/api/v1/projects?organizationId=" + organization.id()).status()).isEqualTo(200);
        } finally {
            Processes.signal(monitor, "CONT");
        }
        awaitServed(api, monitorCall);
    }

    @Test
    void aKilledServiceIsAnsweredForAtOnceWithAProblem(DrillSuite suite) {
        Accounts.Organization organization = new Accounts(suite.api()).organization("killed");
        Api api = suite.api().as(organization.owner());
        String token = organization.owner().accessToken();
        String analyzerCall = "/api/v1/repositories?organizationId=" + organization.id();
        awaitServed(api, analyzerCall);

        Processes.kill9(suite.pid("analyzer-service"));
        try {
            for (int i = 0; i < 3; i++) {
                Timed call = Timed.call(suite, token, analyzerCall);
                assertProblem(call, FAST_ANSWER);
                assertThat(call.status()).as("status of %s", call).isEqualTo(503);
            }
        } finally {
            suite.up();
        }
        awaitServed(api, analyzerCall);
    }

    private static Timed answer(Future<Timed> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits until the call is answered 200 (the analyzer learns of a new organization from Kafka; a service back). */
    private static void awaitServed(Api api, String path) {
        await("200 for " + path).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get(path).status() == 200);
    }

    private static void assertProblem(Timed call, Duration within) {
        assertThat(call.took()).as("time to answer (%s)", call).isLessThan(within);
        assertThat(call.status()).as("status of %s", call).isIn(503, 504);
        assertThat(call.contentType()).as("content type of %s", call).startsWith("application/problem+json");
        assertThat(call.body()).as("a problem with a type").contains("\"type\"");
    }

    /** One GET through the gateway and how long its answer took; no answer within 20 s is a hang (status 0). */
    private record Timed(int status, String contentType, String body, Duration took) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        static Timed call(DrillSuite suite, String token, String path) {
            HttpRequest request = HttpRequest.newBuilder(suite.gateway().resolve(path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new Timed(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.body(), Duration.ofNanos(System.nanoTime() - start));
            } catch (HttpTimeoutException e) {
                return new Timed(0, "", "no answer (hang)", Duration.ofNanos(System.nanoTime() - start));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " after " + took.toMillis() + " ms: "
                    + body.substring(0, Math.min(body.length(), 300));
        }
    }
}
