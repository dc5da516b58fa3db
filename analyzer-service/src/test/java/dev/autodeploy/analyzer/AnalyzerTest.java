package dev.autodeploy.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.QuietNotifier;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.testsupport.TestMemberships;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What the analyzer's integration tests share — one application context on real Postgres, Redis and
 * Kafka: file:// repositories allowed (they are made on disk), GitHub's REST API and auth-service's
 * internal API as WireMock servers (one each for the JVM; stubs reset before every test), an API
 * client, and organization members made through real membership events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class AnalyzerTest {

    protected static final String CLIENT_SECRET = "test-only-analyzer-client-secret-0123456789";
    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = TestHttp.JSON_OBJECT;

    protected static final WireMockServer github = started();
    protected static final WireMockServer authService = started();
    private static final Path clones = temporaryDirectory();

    @DynamicPropertySource
    static void analyzerUnderTest(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.git.allow-file-urls", () -> "true");
        registry.add("autodeploy.git.work-directory", clones::toString);
        registry.add("spring.http.serviceclient.github.base-url", github::baseUrl);
        registry.add("spring.http.serviceclient.auth-service.base-url", authService::baseUrl);
        registry.add("autodeploy.analyzer.auth-client.client-secret", () -> CLIENT_SECRET);
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private KafkaTemplate<String, CloudEvent<?>> kafka;

    @Autowired
    private OrganizationAccess access;

    protected TestMemberships memberships;

    private RestClient http;

    /** A person in an organization, with an access token. */
    public record Member(UUID organizationId, UUID userId, String token) {
    }

    @BeforeEach
    void analyzerClient() {
        http = TestHttp.client(port);
        memberships = new TestMemberships(kafka, access);
        github.resetAll();
        authService.resetAll();
    }

    /** A new user in a new organization with {@code role}. */
    protected Member member(Role role) {
        return member(UUID.randomUUID(), role);
    }

    /** A new user in {@code organizationId} with {@code role}. */
    protected Member member(UUID organizationId, Role role) {
        UUID userId = UUID.randomUUID();
        memberships.grant(organizationId, userId, role);
        return new Member(organizationId, userId, TestTokens.get().forUser(userId));
    }

    /** Someone with a valid token who belongs to no organization. */
    protected Member stranger() {
        UUID userId = UUID.randomUUID();
        return new Member(UUID.randomUUID(), userId, TestTokens.get().forUser(userId));
    }

    protected ResponseEntity<Map<String, Object>> get(String path, Member caller) {
        return call(HttpMethod.GET, path, null, caller).toEntity(JSON);
    }

    protected ResponseEntity<Map<String, Object>> post(String path, Object body, Member caller) {
        return call(HttpMethod.POST, path, body, caller).toEntity(JSON);
    }

    protected int delete(String path, Member caller) {
        return call(HttpMethod.DELETE, path, null, caller).toBodilessEntity().getStatusCode().value();
    }

    /** Registers a repository by URL as {@code caller}; asserts it was created. */
    protected Map<String, Object> register(String url, Member caller) {
        ResponseEntity<Map<String, Object>> created = post("/api/v1/repositories",
                Map.of("organizationId", caller.organizationId(), "url", url), caller);
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("Registering failed: " + created.getStatusCode() + " " + created.getBody());
        }
        return created.getBody();
    }

    protected long rows(String table, String column, Object value) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?").param(value)
                .query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> content(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private RestClient.ResponseSpec call(HttpMethod method, String path, Object body, Member caller) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .notifier(new QuietNotifier()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("analyzer-clones-");
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    protected static Path clonesDirectory() {
        return clones;
    }
}
