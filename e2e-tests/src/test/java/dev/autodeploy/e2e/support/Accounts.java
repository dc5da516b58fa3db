package dev.autodeploy.e2e.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * Users and organizations made through the gateway for a test, each with unique names. Registration counts against
 * the gateway's auth limit (10 a minute per address): a 429 is waited out (its Retry-After) and the call repeated,
 * so a test class may make as many users as it needs, only slower.
 */
public final class Accounts {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(70);

    private final Api api;
    private final AtomicInteger sequence = new AtomicInteger();
    private final String run = Long.toString(System.currentTimeMillis(), 36) + "-" + UUID.randomUUID().toString().substring(0, 6);

    public Accounts(Api api) {
        this.api = api;
    }

    /** A signed-in user: its id, tokens, e-mail and password. */
    public record User(String id, String email, String password, String accessToken, String refreshToken) {
    }

    /** An organization and its owner. */
    public record Organization(String id, String slug, User owner) {
    }

    /** Registers a new user named after {@code label}. */
    public User register(String label) {
        String email = "e2e-" + label + "-" + run + "-" + sequence.incrementAndGet() + "@example.test";
        String password = "e2e-password-" + UUID.randomUUID();
        JsonNode session = withinAuthLimit(() -> api.post("/api/v1/auth/register",
                Map.of("email", email, "password", password, "name", "E2E " + label))).expect(201);
        return user(session, email, password);
    }

    /** Logs a user in again: a new session (new refresh token family). */
    public User login(User user) {
        JsonNode session = withinAuthLimit(() -> api.post("/api/v1/auth/login",
                Map.of("email", user.email(), "password", user.password()))).expect(200);
        return user(session, user.email(), user.password());
    }

    /** Registers a user and makes it the owner of a new organization. */
    public Organization organization(String label) {
        User owner = register(label);
        String slug = ("e2e-" + label + "-" + run + "-" + sequence.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9-]", "-");
        if (slug.length() > 63) {
            slug = slug.substring(slug.length() - 63).replaceAll("^-+", "x");
        }
        JsonNode org = api.as(owner).post("/api/v1/organizations", Map.of("name", "E2E " + label, "slug", slug)).expect(201);
        return new Organization(org.get("id").asString(), org.get("slug").asString(), owner);
    }

    /**
     * Waits until the analyzer, deployer and monitor know the organization and its owner: they learn of both from
     * auth-service's events on Kafka, a moment after auth-service answered (until then they answer 404).
     */
    public static void awaitKnownEverywhere(Api gateway, Organization org) {
        Api owner = gateway.as(org.owner());
        for (String path : List.of("/api/v1/repositories?organizationId=", "/api/v1/projects?organizationId=",
                "/api/v1/alert-rules?organizationId=")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> owner.get(path + org.id()).status(), status -> status == 200);
        }
    }

    /** Sends a request on the auth endpoints, waiting out the gateway's 429s. */
    public Api.Response withinAuthLimit(java.util.function.Supplier<Api.Response> call) {
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos() * 3;
        while (true) {
            Api.Response response = call.get();
            if (response.status() != 429 || System.nanoTime() > deadline) {
                return response;
            }
            String retryAfter = response.header("Retry-After");
            long seconds = retryAfter == null ? 5 : Math.min(Long.parseLong(retryAfter.trim()), LONGEST_WAIT.toSeconds());
            org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(Math.max(1, seconds)))
                    .atMost(Duration.ofSeconds(seconds + 5)).until(() -> true);
        }
    }

    private static User user(JsonNode session, String email, String password) {
        return new User(session.get("user").get("id").asString(), email, password,
                session.get("accessToken").asString(), session.get("refreshToken").asString());
    }
}
