package dev.autodeploy.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The running suite the tests talk to. Uses the one at {@code AUTODEPLOY_URL} (default http://localhost:8080) when
 * its gateway answers; otherwise starts this checkout's suite with {@code ./autodeploy up} once for the whole test
 * run and stops it with {@code ./autodeploy down} when the run ends. Inject it as a test-method or constructor
 * parameter of a class annotated {@code @ExtendWith(Suite.class)}.
 */
public final class Suite implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Suite.class);

    private final URI gateway;
    private final Path root;
    private final boolean startedHere;

    private Suite(URI gateway, Path root, boolean startedHere) {
        this.gateway = gateway;
        this.root = root;
        this.startedHere = startedHere;
    }

    /** JUnit needs a no-argument constructor for the extension; the real instance lives in the root store. */
    public Suite() {
        this(null, null, false);
    }

    /** The gateway's base URL, e.g. http://localhost:8080. */
    public URI gateway() {
        return gateway;
    }

    /** An API client for the gateway. */
    public Api api() {
        return new Api(gateway);
    }

    /** The checkout the suite runs from (its .autodeploy/ holds pids and logs). */
    public Path root() {
        return root;
    }

    /** Whether this test run started the suite (and will stop it). */
    public boolean startedHere() {
        return startedHere;
    }

    /** Runs {@code ./autodeploy <args>} in the checkout and fails with its output when it exits non-zero. */
    public String autodeploy(String... args) {
        return run(root, args);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return instance(context);
    }

    private static Suite instance(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class).suite;
    }

    /** Holds the suite for the test run; closing it stops a suite this run started. */
    private record Running(Suite suite) implements AutoCloseable {

        static Running start() {
            Path root = Path.of(System.getProperty("autodeploy.root", "..")).toAbsolutePath().normalize();
            if (!Files.isExecutable(root.resolve("autodeploy"))) {
                throw new IllegalStateException("no ./autodeploy in " + root + " (set -Dautodeploy.root)");
            }
            String url = System.getenv().getOrDefault("AUTODEPLOY_URL", System.getProperty("autodeploy.url", "http://localhost:8080"));
            URI gateway = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (answers(gateway)) {
                return new Running(new Suite(gateway, root, false));
            }
            run(root, "up");
            return new Running(new Suite(gateway, root, true));
        }

        @Override
        public void close() {
            if (suite.startedHere) {
                run(suite.root, "down");
            }
        }
    }

    private static boolean answers(URI gateway) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(Path root, String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(root.resolve("autodeploy").toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("./autodeploy " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("./autodeploy " + String.join(" ", args) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
