package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Api;

/**
 * The drills' own suite, never the shared one: {@code AUTODEPLOY_PORT_OFFSET=<offset> ./autodeploy up} (system
 * property {@code autodeploy.drill.offset}, default 300) with Postgres and Redis as processes of their own
 * ({@link DataStore}), so {@code ./autodeploy}'s {@code infra} process holds Kafka alone. Started once for every drill
 * class of the run (JUnit root store) and stopped with {@code ./autodeploy down} at its end, unless it was running
 * before the run or {@code -Dautodeploy.drill.keep=true}.
 */
public final class DrillSuite implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DrillSuite.class);

    /** The services ./autodeploy runs, by the names of their pid files. */
    static final List<String> SERVICES = List.of("auth-service", "analyzer-service", "deployer-service",
            "monitor-service", "gateway");

    private final Path root;
    private final int offset;
    private final Path state;
    private final DataStore postgres;
    private final DataStore redis;

    private DrillSuite(Path root, int offset, Path state) {
        this.root = root;
        this.offset = offset;
        this.state = state;
        this.postgres = state == null ? null : DataStore.postgres(15432 + offset, root, state);
        this.redis = state == null ? null : DataStore.redis(16379 + offset, root, state);
    }

    /** JUnit needs a no-argument constructor for the extension; the real instance lives in the root store. */
    public DrillSuite() {
        this(null, 0, null);
    }

    private static DrillSuite of(Path root, int offset) {
        return new DrillSuite(root, offset, root.resolve(".autodeploy").resolve("suite-" + offset));
    }

    URI gateway() {
        return URI.create("http://localhost:" + (8080 + offset));
    }

    Api api() {
        return new Api(gateway());
    }

    /** A service's port in this suite (its offset-0 port given). */
    int port(int basePort) {
        return basePort + offset;
    }

    DataStore postgres() {
        return postgres;
    }

    /** The pid of a process ./autodeploy started ({@code deployer-service}, {@code infra}, ...). */
    long pid(String name) {
        return Processes.pidFile(state.resolve("run").resolve(name + ".pid")).filter(Processes::alive)
                .orElseThrow(() -> new IllegalStateException(name + " of the drill suite is not running"));
    }

    /** Where the suite's processes write their logs. */
    Path logs() {
        return state.resolve("logs");
    }

    /** Whether an instance of {@code application} on {@code port} is UP in the suite's Eureka. */
    boolean registered(String application, int port) {
        Api.Response response = new Api(URI.create("http://localhost:" + port(8761))).get("/eureka/apps/" + application);
        if (response.status() != 200) {
            return false;
        }
        JsonNode instances = response.json().path("application").path("instance");
        for (JsonNode instance : instances.isArray() ? instances : List.of(instances)) {
            if (instance.path("port").path("$").asInt() == port && "UP".equals(instance.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the process on {@code port} answers its health check with 200. */
    boolean answers(int port) {
        try {
            return new Api(URI.create("http://localhost:" + port)).get("/actuator/health").status() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** {@code ./autodeploy up} for this suite: starts what is missing and waits until every service is UP. */
    String up() {
        return autodeploy("up", Duration.ofMinutes(5));
    }

    /** Whether every service answers UP through the gateway. */
    boolean allUp() {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway().resolve("/api/v1/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")
                    && SERVICES.stream().filter(name -> !name.equals("gateway"))
                            .allMatch(name -> response.body().contains("\"name\":\"" + name + "\",\"status\":\"UP\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String autodeploy(String command, Duration timeout) {
        return Processes.run(List.of(root.resolve("autodeploy").toString(), command), Map.of(
                "AUTODEPLOY_PORT_OFFSET", Integer.toString(offset),
                "DB_PORT", Integer.toString(postgres.port()),
                "REDIS_PORT", Integer.toString(redis.port())), root, timeout);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DrillSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return instance(context);
    }

    private static DrillSuite instance(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class).suite;
    }

    /** Holds the suite for the test run; closing it stops a suite this run started. */
    private record Running(DrillSuite suite, boolean startedHere) implements AutoCloseable {

        static Running start() {
            Path root = Path.of(System.getProperty("autodeploy.root", "..")).toAbsolutePath().normalize();
            if (!Files.isExecutable(root.resolve("autodeploy"))) {
                throw new IllegalStateException("no ./autodeploy in " + root + " (set -Dautodeploy.root)");
            }
            DrillSuite suite = of(root, Integer.getInteger("autodeploy.drill.offset", 300));
            boolean running = suite.allUp() && suite.postgres.answers() && suite.redis.answers();
            if (!running) {
                suite.postgres.start();
                suite.redis.start();
                suite.up();
            }
            return new Running(suite, !running && !Boolean.getBoolean("autodeploy.drill.keep"));
        }

        @Override
        public void close() {
            if (startedHere) {
                // down stops every process marked with the suite's state directory: the data stores too
                suite.autodeploy("down", Duration.ofMinutes(3));
            }
        }
    }
}
