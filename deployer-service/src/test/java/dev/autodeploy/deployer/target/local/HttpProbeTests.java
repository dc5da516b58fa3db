package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autodeploy.deployer.target.HealthReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpProbeTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpProbe probe = new HttpProbe(Duration.ofSeconds(5), new SettableClock(NOW));
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/healthz", exchange -> respond(exchange, 200));
        server.createContext("/broken", exchange -> respond(exchange, 500));
        server.createContext("/login", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            respond(exchange, 302);
        });
        server.createContext("/hang", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        probe.close();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void a2xxAnswerIsHealthy() {
        HealthReport report = probe.probe(port(), "/healthz");

        assertThat(report.healthy()).isTrue();
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.detail()).isEqualTo("HTTP 200");
        assertThat(report.latency()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(report.checkedAt()).isEqualTo(NOW);
        assertThat(probe.probe(port(), "healthz").healthy()).isTrue();
    }

    @Test
    void aRedirectIsHealthyAndNotFollowed() {
        HealthReport report = probe.probe(port(), "/login");

        assertThat(report.healthy()).isTrue();
        assertThat(report.httpStatus()).isEqualTo(302);
    }

    @Test
    void aServerErrorOrMissingPathIsUnhealthy() {
        assertThat(probe.probe(port(), "/broken")).satisfies(report -> {
            assertThat(report.healthy()).isFalse();
            assertThat(report.httpStatus()).isEqualTo(500);
            assertThat(report.detail()).isEqualTo("HTTP 500");
        });
        assertThat(probe.probe(port(), "/missing").httpStatus()).isEqualTo(404);
    }

    @Test
    void aSlowAnswerTimesOut() {
        HealthReport report;
        try (HttpProbe impatient = new HttpProbe(Duration.ofMillis(300), Clock.systemUTC())) {
            report = impatient.probe(port(), "/hang");
        }

        assertThat(report.healthy()).isFalse();
        assertThat(report.httpStatus()).isNull();
        assertThat(report.detail()).isEqualTo("timed out after 300 ms");
        assertThat(report.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        try (HttpProbe wholeSeconds = new HttpProbe(Duration.ofSeconds(1), Clock.systemUTC())) {
            assertThat(wholeSeconds.probe(port(), "/hang").detail()).isEqualTo("timed out after 1 s");
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws IOException {
        HealthReport report = probe.probe(PortFinder.freeLoopbackPort(), "/healthz");

        assertThat(report.healthy()).isFalse();
        assertThat(report.httpStatus()).isNull();
        assertThat(report.detail()).isEqualTo("connection refused");
    }

    @Test
    void aConnectionClosedWithoutAnswerIsUnhealthy() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            threads.submit(() -> {
                // every connection: the client retries a GET once on a new one
                while (true) {
                    try (Socket socket = rude.accept()) {
                        socket.getInputStream().read();
                    }
                }
            });

            HealthReport report = probe.probe(rude.getLocalPort(), "/");

            assertThat(report.healthy()).isFalse();
            assertThat(report.detail()).isEqualTo("no HTTP response (the connection was closed)");
        }
    }

    @Test
    void aPathCannotChangeTheAddressOrBreakTheUri() {
        assertThat(probe.probe(port(), "/a b").detail()).isEqualTo("invalid health check path");
        assertThat(probe.probe(port(), "@evil.example/").detail()).isEqualTo("HTTP 404");
        assertThat(probe.probe(0, "/").detail()).isEqualTo("invalid health check path");
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream ignored = exchange.getResponseBody()) {
            // no body
        }
    }
}
