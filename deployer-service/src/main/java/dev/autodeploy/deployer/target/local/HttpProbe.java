package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.autodeploy.deployer.target.HealthReport;

/**
 * Probes an app instance's health check once: {@code GET http://127.0.0.1:<port><path>}, healthy on 2xx or 3xx.
 * Redirects are not followed (a redirect to a login page still says the app is up) and no proxy is used.
 */
final class HttpProbe implements AutoCloseable {

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    /** @param timeout for the whole probe: connecting, the response and its body */
    HttpProbe(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * Probes once; never throws.
     *
     * @param path the health check path, e.g. {@code /healthz}; {@code /} is prepended when missing
     */
    HealthReport probe(int port, String path) {
        Instant checkedAt = clock.instant();
        long started = System.nanoTime();
        URI uri;
        try {
            uri = uri(port, path);
        } catch (IllegalArgumentException e) {
            return new HealthReport(false, null, Duration.ZERO, "invalid health check path", checkedAt);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("User-Agent", "AutoDeploy-HealthCheck").build();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            int status = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            return new HealthReport(status >= 200 && status < 400, status, since(started), "HTTP " + status,
                    checkedAt);
        } catch (TimeoutException e) {
            response.cancel(true);
            return new HealthReport(false, null, since(started), "timed out after " + readable(timeout), checkedAt);
        } catch (ExecutionException e) {
            return new HealthReport(false, null, since(started), failure(e.getCause()), checkedAt);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new HealthReport(false, null, since(started), "interrupted", checkedAt);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static URI uri(int port, String path) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        String absolute = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        URI uri = URI.create("http://127.0.0.1:" + port + absolute);
        if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() != port) {
            throw new IllegalArgumentException("the path changes the address");
        }
        return uri;
    }

    private String failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + readable(timeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + readable(timeout);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return cause instanceof IOException ? "no HTTP response (the connection was closed)" : "probe failed";
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
