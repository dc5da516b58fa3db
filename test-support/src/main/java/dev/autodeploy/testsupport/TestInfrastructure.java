package dev.autodeploy.testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Postgres, Redis and Kafka one test JVM shares, started on first use and stopped when
 * the JVM exits. {@code AUTODEPLOY_TEST_INFRA} chooses: {@code containers} (Testcontainers),
 * {@code local} (Postgres and Redis on this machine, {@code AUTODEPLOY_TEST_PG_*} /
 * {@code AUTODEPLOY_TEST_REDIS_*} to point elsewhere, plus an embedded KRaft broker unless
 * {@code AUTODEPLOY_TEST_KAFKA} names one) or {@code auto} (the default: containers when a
 * Docker engine answers).
 *
 * <p>The one JVM-wide holder is deliberate: starting a broker per test class would triple the
 * suite's run time on a 2-core machine. Isolation comes from fresh databases and key prefixes.
 */
public final class TestInfrastructure {

    private static final String DATABASE_PREFIX = "adt_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private static TestInfrastructure shared;

    private final Endpoints endpoints;
    private final String mode;
    private final List<AutoCloseable> servers;
    private final TestTokens tokens = TestTokens.start();
    private final List<String> databases = new CopyOnWriteArrayList<>();
    private final List<String> redisPrefixes = new CopyOnWriteArrayList<>();

    private TestInfrastructure(Endpoints endpoints, String mode, List<AutoCloseable> servers) {
        this.endpoints = endpoints;
        this.mode = mode;
        this.servers = servers;
    }

    /** The JVM's infrastructure, started on the first call. */
    public static synchronized TestInfrastructure get() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-infrastructure-shutdown"));
        }
        return shared;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Signs access tokens the services under test accept (their JWKS points here). */
    public TestTokens tokens() {
        return tokens;
    }

    /** {@code containers} or {@code local}. */
    public String mode() {
        return mode;
    }

    /**
     * A database name no other test uses; the database itself is created by the service under
     * test (as it would be in production) and dropped when the JVM exits.
     */
    public String newDatabaseName() {
        String name = DATABASE_PREFIX + LocalDateTime.now().format(STAMP) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        databases.add(name);
        return name;
    }

    /** A Redis key prefix no other test uses; its keys are deleted when the JVM exits. */
    public String newRedisKeyPrefix() {
        String prefix = "test:" + UUID.randomUUID() + ":";
        redisPrefixes.add(prefix);
        return prefix;
    }

    private static TestInfrastructure start() {
        String mode = env("AUTODEPLOY_TEST_INFRA", "auto");
        if (mode.equals("auto")) {
            mode = dockerAnswers() ? "containers" : "local";
        }
        TestInfrastructure infrastructure = mode.equals("containers") ? startContainers() : startLocal();
        infrastructure.dropStaleDatabases();
        return infrastructure;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static TestInfrastructure startContainers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.8.0");
        List.of(postgres, redis, kafka).parallelStream().forEach(GenericContainer::start);
        Endpoints endpoints = new Endpoints(postgres.getHost(), postgres.getMappedPort(5432), postgres.getUsername(),
                postgres.getPassword(), redis.getHost(), redis.getMappedPort(6379), kafka.getBootstrapServers());
        return new TestInfrastructure(endpoints, "containers", List.of(kafka::stop, redis::stop, postgres::stop));
    }

    private static TestInfrastructure startLocal() {
        String pgHost = env("AUTODEPLOY_TEST_PG_HOST", "127.0.0.1");
        int pgPort = Integer.parseInt(env("AUTODEPLOY_TEST_PG_PORT", "5432"));
        String redisHost = env("AUTODEPLOY_TEST_REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("AUTODEPLOY_TEST_REDIS_PORT", "6379"));
        requireListening("Postgres", pgHost, pgPort);
        requireListening("Redis", redisHost, redisPort);
        List<AutoCloseable> servers = new ArrayList<>();
        String kafka = System.getenv("AUTODEPLOY_TEST_KAFKA");
        if (kafka == null || kafka.isBlank()) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            servers.add(broker::destroy);
            kafka = broker.getBrokersAsString();
        }
        Endpoints endpoints = new Endpoints(pgHost, pgPort, env("AUTODEPLOY_TEST_PG_USER", "postgres"),
                env("AUTODEPLOY_TEST_PG_PASSWORD", ""), redisHost, redisPort, kafka);
        return new TestInfrastructure(endpoints, "local", servers);
    }

    private static void requireListening(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(what + " does not answer on " + host + ":" + port
                    + " and no Docker engine is available; `./autodeploy test` starts the local servers", ex);
        }
    }

    private void close() {
        tokens.close();
        dropDatabases(databases);
        deleteRedisKeys();
        for (AutoCloseable server : servers) {
            try {
                server.close();
            }
            catch (Exception ex) {
                System.err.println("Could not stop test server: " + ex.getMessage());
            }
        }
    }

    /** Databases of earlier runs that were killed before they could clean up (older than a day). */
    private void dropStaleDatabases() {
        String cutoff = DATABASE_PREFIX + LocalDateTime.now().minusDays(1).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'adt\\_%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.compareTo(cutoff) < 0) {
                    stale.add(name);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot list databases on the test Postgres server", ex);
        }
        dropDatabases(stale);
    }

    private void dropDatabases(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
        catch (SQLException ex) {
            System.err.println("Could not drop test databases: " + ex.getMessage());
        }
    }

    private void deleteRedisKeys() {
        if (redisPrefixes.isEmpty()) {
            return;
        }
        RedisClient client = RedisClient.create("redis://" + endpoints.redisHost() + ":" + endpoints.redisPort());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (String prefix : redisPrefixes) {
                ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*"));
                while (keys.hasNext()) {
                    connection.sync().del(keys.next());
                }
            }
        }
        catch (RuntimeException ex) {
            System.err.println("Could not delete test keys from Redis: " + ex.getMessage());
        }
        finally {
            client.shutdown();
        }
    }

    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", endpoints.postgresUser());
        if (!endpoints.postgresPassword().isEmpty()) {
            credentials.setProperty("password", endpoints.postgresPassword());
        }
        return DriverManager.getConnection(endpoints.jdbcUrl("postgres"), credentials);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
