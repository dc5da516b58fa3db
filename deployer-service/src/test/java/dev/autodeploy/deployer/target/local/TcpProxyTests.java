package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TcpProxyTests {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private final CountDownLatch slowReceived = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private TcpProxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new TcpProxy(LOOPBACK, 0);
        proxy.start();
    }

    @AfterEach
    void stopEverything() {
        releaseSlow.countDown();
        proxy.close();
        clients.forEach(HttpClient::shutdownNow);
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
    }

    @Test
    void listensOnTheRequestedOrAnyPortAndForwardsToTheBackend() throws Exception {
        HttpServer a = backend("A");

        assertThat(proxy.port()).isPositive();
        assertThat(proxy.backendPort()).isEmpty();
        proxy.switchTo(port(a));

        assertThat(proxy.backendPort()).hasValue(port(a));
        assertThat(get("/")).isEqualTo("200 A");
    }

    @Test
    void switchingSendsNewConnectionsToTheNewBackendWhileOpenOnesFinishOnTheOldOne() throws Exception {
        HttpServer a = backend("A");
        HttpServer b = backend("B");
        proxy.switchTo(port(a));
        CompletableFuture<HttpResponse<String>> inFlight = client().sendAsync(request("/slow"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowReceived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        proxy.switchTo(port(b));

        assertThat(get("/")).isEqualTo("200 B");
        assertThat(inFlight).isNotDone();
        assertThat(proxy.openConnections(port(a))).isEqualTo(1);
        releaseSlow.countDown();
        assertThat(inFlight).succeedsWithin(WAIT).extracting(HttpResponse::body).isEqualTo("A slow");

        // once idle after its response, the kept-alive connection to A is closed: A is drained while it still runs
        await().atMost(WAIT).until(() -> proxy.openConnections(port(a)) == 0);
        assertThat(get("/")).isEqualTo("200 B");
    }

    @Test
    void aKeptAliveConnectionMovesToTheNewBackendOnceIdleButARequestUnderWayIsNeverCut() throws Exception {
        HttpServer a = backend("A");
        HttpServer b = backend("B");
        proxy.switchTo(port(a));
        HttpClient browser = client();
        assertThat(browser.send(request("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("A");
        CompletableFuture<HttpResponse<String>> slow = browser.sendAsync(request("/slow"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowReceived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        proxy.switchTo(port(b));
        // the slow request waits for its answer (the client spoke last) far longer than the drain's idle time
        Thread.ofVirtual().start(() -> {
            LockSupport.parkNanos(TcpProxy.DRAIN_IDLE.multipliedBy(3).toNanos());
            releaseSlow.countDown();
        });

        assertThat(slow).succeedsWithin(WAIT).extracting(HttpResponse::body).isEqualTo("A slow");
        await().atMost(WAIT).until(() -> proxy.openConnections(port(a)) == 0);
        assertThat(browser.send(request("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("B");
    }

    @Test
    void withoutABackendItAnswers503AndCloses() throws Exception {
        String response = rawExchange("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", "\r\nConnection: close\r\n",
                        "\r\nContent-Length: " + TcpProxy.UNAVAILABLE_BODY.length() + "\r\n")
                .endsWith("\r\n\r\nNo release of this environment is serving.\n");
        await().atMost(WAIT).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void aBackendThatRefusesTheConnectionGets503() throws Exception {
        proxy.switchTo(PortFinder.freeLoopbackPort());

        assertThat(get("/")).isEqualTo("503 " + TcpProxy.UNAVAILABLE_BODY);

        HttpServer a = backend("A");
        proxy.switchTo(port(a));
        proxy.stopServing();
        assertThat(proxy.backendPort()).isEmpty();
        assertThat(get("/")).startsWith("503 ");
    }

    @Test
    void halfClosesAreForwardedAndBytesFlowBothWaysAtOnce() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, LOOPBACK)) {
            threads.submit(() -> {
                try (Socket socket = echo.accept()) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                    socket.getOutputStream().write("<end>".getBytes(StandardCharsets.US_ASCII));
                }
                return null;
            });
            proxy.switchTo(echo.getLocalPort());
            byte[] payload = new byte[4 * 1024 * 1024];
            new Random(42).nextBytes(payload);

            try (Socket socket = new Socket(LOOPBACK, proxy.port())) {
                // written while the echo comes back: piping one way at a time would deadlock on full buffers
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try {
                        socket.getOutputStream().write(payload);
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, threads);
                byte[] received = socket.getInputStream().readAllBytes();

                assertThat(writing).succeedsWithin(WAIT);
                assertThat(received).hasSize(payload.length + 5);
                assertThat(Arrays.copyOf(received, payload.length)).isEqualTo(payload);
                assertThat(new String(received, payload.length, 5, StandardCharsets.US_ASCII)).isEqualTo("<end>");
            }
        }
    }

    @Test
    void closeStopsListeningAndEndsOpenConnections() throws Exception {
        HttpServer a = backend("A");
        proxy.switchTo(port(a));
        CompletableFuture<HttpResponse<String>> inFlight = client().sendAsync(request("/slow"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowReceived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.openConnections()).isEqualTo(1);
        int port = proxy.port();

        proxy.close();

        assertThat(inFlight).failsWithin(WAIT);
        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> new Socket(LOOPBACK, port).close()).isInstanceOf(ConnectException.class);
        proxy.close();
    }

    @Test
    void servesManyConcurrentRequests() throws Exception {
        HttpServer a = backend("A");
        proxy.switchTo(port(a));
        HttpClient client = client();

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 100)
                .mapToObj(i -> client.sendAsync(request("/?n=" + i), HttpResponse.BodyHandlers.ofString()))
                .toList();

        assertThat(CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        assertThat(responses).allSatisfy(response -> assertThat(response.join().body()).isEqualTo("A"));
    }

    @Test
    void aStableRangePortCanBeTakenAgainAfterClose() throws Exception {
        int port = proxy.port();
        proxy.close();

        proxy = new TcpProxy(LOOPBACK, port);
        proxy.start();

        assertThat(proxy.port()).isEqualTo(port);
        assertThatThrownBy(proxy::start).isInstanceOf(IllegalStateException.class);
    }

    private HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 512);
        server.setExecutor(threads);
        server.createContext("/", exchange -> respond(exchange, name));
        server.createContext("/slow", exchange -> {
            slowReceived.countDown();
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, name + " slow");
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpClient client() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(WAIT).build();
        clients.add(client);
        return client;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path)).timeout(WAIT).build();
    }

    /** A request on a new connection, answered as "status body". */
    private String get(String path) throws Exception {
        HttpResponse<String> response = client().send(request(path), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, proxy.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }
}
