package dev.autodeploy.auth.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.autodeploy.auth.TestApi;
import dev.autodeploy.auth.TestApi.Account;
import dev.autodeploy.testsupport.QuietNotifier;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The personal security log: a scripted account session (register, failed and successful sign-ins, a profile change,
 * connecting and disconnecting Vercel against a WireMock Vercel, sign-out) lands in {@code /api/v1/users/me/audit}
 * once per action, with its request id and address and no secret, visible to nobody else and in no organization's
 * log; its rows are as append-only as the organizations'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PersonalAuditTests {

    private static final String AUDIT = "/api/v1/users/me/audit";
    private static final String REDIRECT_URI = "http://localhost:8080/oauth/vercel/callback";

    @RegisterExtension
    static final WireMockExtension vercel = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").notifier(new QuietNotifier()))
            .build();

    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void vercelIntegration(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.oauth.vercel.client-id", () -> "oac_personalaudit");
        registry.add("autodeploy.oauth.vercel.client-secret", () -> "test-only-vercel-secret-personal-audit");
        registry.add("autodeploy.oauth.vercel.integration-slug", () -> "autodeploy-test");
        registry.add("autodeploy.oauth.vercel.web-uri", () -> "https://vercel.test");
        registry.add("autodeploy.oauth.vercel.api-uri", vercel::baseUrl);
        registry.add("autodeploy.oauth.vercel.redirect-uris", () -> REDIRECT_URI);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private TestApi api;
    private RestClient http;

    @BeforeEach
    void client() {
        api = new TestApi(port);
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                }).build();
    }

    @Test
    void aScriptedAccountSessionIsRecordedOncePerActionForTheUserAloneAndWithoutSecrets() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "personal-" + run + "@example.test";
        String password = "correct horse " + UUID.randomUUID();
        String wrongPassword = "wrong horse " + UUID.randomUUID();

        Map<String, Object> registered = call(HttpMethod.POST, "/api/v1/auth/register",
                Map.of("email", email, "password", password, "name", "Personal"), null, "reg-" + run).getBody();
        String userId = TestApi.userId(registered);
        String registerAccess = (String) registered.get("accessToken");
        String registerRefresh = (String) registered.get("refreshToken");
        assertThat(call(HttpMethod.POST, "/api/v1/auth/login", Map.of("email", email, "password", wrongPassword),
                null, "fail-" + run).getStatusCode().value()).isEqualTo(401);
        assertThat(call(HttpMethod.POST, "/api/v1/auth/login",
                Map.of("email", "nobody-" + run + "@example.test", "password", wrongPassword), null, "unknown-" + run)
                .getStatusCode().value()).isEqualTo(401);
        Map<String, Object> login = call(HttpMethod.POST, "/api/v1/auth/login",
                Map.of("email", email, "password", password), null, "login-" + run).getBody();
        String access = (String) login.get("accessToken");
        String refresh = (String) login.get("refreshToken");
        assertThat(call(HttpMethod.PUT, "/api/v1/users/" + userId, Map.of("name", "Renamed"), access, "update-" + run)
                .getStatusCode().value()).isEqualTo(200);
        // Saving the same profile again changes nothing, so it records nothing.
        assertThat(call(HttpMethod.PUT, "/api/v1/users/" + userId, Map.of("name", "Renamed"), access, "same-" + run)
                .getStatusCode().value()).isEqualTo(200);
        String vercelToken = connectVercel(access, "connect-" + run);
        assertThat(call(HttpMethod.DELETE, "/api/v1/users/" + userId + "/connections/vercel", null, access,
                "disconnect-" + run).getStatusCode().value()).isEqualTo(204);
        // Refreshing is not recorded: the register session's next token, then sign-out of the login's session twice.
        Map<String, Object> refreshed = call(HttpMethod.POST, "/api/v1/auth/refresh",
                Map.of("refreshToken", registerRefresh), null, "refresh-" + run).getBody();
        assertThat(call(HttpMethod.POST, "/api/v1/auth/logout", Map.of("refreshToken", refresh), null,
                "logout-" + run).getStatusCode().value()).isEqualTo(204);
        assertThat(call(HttpMethod.POST, "/api/v1/auth/logout", Map.of("refreshToken", refresh), null,
                "again-" + run).getStatusCode().value()).isEqualTo(204);

        List<String> expected = List.of("connection.deleted disconnect", "connection.created connect",
                "user.updated update", "session.created login", "session.failed fail", "session.created reg",
                "user.registered reg");
        List<Map<String, Object>> items = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(list(access, "")), found -> found.size() >= expected.size() + 1);
        // One transaction's entries (registering) may reach the collector in either order, so no order is asserted.
        assertThat(items).extracting(item -> item.get("action") + " " + ((String) item.get("requestId")).split("-")[0])
                .containsExactlyInAnyOrderElementsOf(concat("session.revoked logout", expected));
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("organizationId")).isNull();
            assertThat(item.get("service")).isEqualTo("auth-service");
            assertThat((String) item.get("requestId")).endsWith(run);
            assertThat(item.get("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(item.get("userAgent")).isEqualTo("personal-audit-test");
            if (item.get("action").equals("session.failed")) {
                assertThat(item).containsEntry("actorType", "anonymous").containsEntry("actorId", null)
                        .containsEntry("targetId", userId);
            }
            else {
                assertThat(item).containsEntry("actorType", "user").containsEntry("actorId", userId)
                        .containsEntry("actorEmail", email);
            }
        });
        Map<String, Map<String, Object>> byRequest = new HashMap<>();
        items.forEach(item -> byRequest.put(((String) item.get("requestId")).split("-")[0], item));
        assertThat(map(byRequest.get("update").get("before"))).containsEntry("name", "Personal")
                .containsEntry("avatarUrl", null);
        assertThat(map(byRequest.get("update").get("after"))).containsEntry("name", "Renamed");
        assertThat(byRequest.get("connect")).containsEntry("targetType", "connection").containsEntry("targetId", "vercel");
        assertThat(byRequest.get("disconnect").get("before")).isEqualTo(
                Map.of("provider", "vercel", "accountId", ((Map<?, ?>) byRequest.get("connect").get("after"))
                        .get("accountId")));
        assertThat(byRequest.get("login")).containsEntry("targetType", "session")
                .containsEntry("after", Map.of("method", "password"));
        // Signing out names the session its sign-in created.
        assertThat(byRequest.get("logout").get("targetId")).isEqualTo(byRequest.get("login").get("targetId"));
        assertThat(byRequest.get("reg").get("targetId")).isNotEqualTo(byRequest.get("login").get("targetId"));

        String everything = list(access, "").getBody().toString() + jdbc.sql("""
                SELECT string_agg(coalesce(before::text, '') || coalesce(after::text, '') || target_id, ' ')
                FROM audit_entries WHERE user_id = ?""").param(UUID.fromString(userId)).query(String.class).single();
        assertThat(everything).doesNotContain(password, wrongPassword, access, refresh, registerAccess,
                registerRefresh, (String) refreshed.get("refreshToken"), vercelToken);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE request_id = ?").param("unknown-" + run)
                .query(Long.class).single()).isZero();

        assertThat(targets(access, "action=session.*")).hasSize(4);
        assertThat(actions(access, "action=session.failed")).containsExactly("session.failed");
        assertThat(actions(access, "action=connection.*&limit=1")).containsExactly("connection.deleted");

        List<Object> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = list(access, "limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).getBody();
            items(page).forEach(item -> walked.add(item.get("id")));
            cursor = (String) page.get("nextCursor");
            pages++;
        }
        while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(items.stream().map(item -> item.get("id")).toList());
        String signedOut = (String) byRequest.get("logout").get("occurredAt");
        assertThat(actions(access, "to=" + signedOut)).hasSize(items.size() - 1).doesNotContain("session.revoked");
        assertThat(actions(access, "from=" + signedOut)).containsExactly("session.revoked");
    }

    @Test
    void nobodyElseSeesTheEntriesAndNoOrganizationLogShowsThem() {
        Account user = api.register();
        Account other = api.register();
        String org = (String) api.post("/api/v1/organizations", Map.of("name", "Personal " + UUID.randomUUID()),
                user.accessToken()).getBody().get("id");
        assertThat(api.post("/api/v1/organizations/" + org + "/members", Map.of("email", other.email(),
                "role", "admin"), user.accessToken()).getStatusCode().value()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> actions(user.accessToken(), ""),
                found -> found.size() == 2);
        List<Map<String, Object>> orgLog = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(api.get("/api/v1/organizations/" + org + "/audit", other.accessToken())),
                found -> found.size() == 2);

        assertThat(orgLog).extracting(item -> item.get("action")).containsExactly("member.added",
                "organization.created");
        List<Map<String, Object>> othersOwn = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(list(other.accessToken(), "")), found -> found.size() == 2);
        assertThat(othersOwn).extracting(item -> item.get("actorId")).containsOnly(other.id());
        assertThat(othersOwn.toString()).doesNotContain(user.id());
        assertThat(actions(user.accessToken(), "")).containsExactlyInAnyOrder("session.created", "user.registered");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE organization_id = ? AND user_id IS NOT NULL")
                .param(UUID.fromString(org)).query(Long.class).single()).isZero();
        assertThat(http.get().uri(AUDIT).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void deletingTheAccountIsRecordedAndPersonalRowsCanBeNeitherChangedNorRemoved() {
        Account user = api.register();
        UUID id = UUID.fromString(user.id());
        assertThat(api.delete("/api/v1/users/" + user.id(), user.accessToken())).isEqualTo(204);

        List<String> recorded = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT action FROM audit_entries WHERE organization_id IS NULL AND user_id = ? ORDER BY seq")
                .param(id).query(String.class).list(), found -> found.size() == 3);
        assertThat(recorded).containsExactlyInAnyOrder("user.registered", "session.created", "user.deleted");
        String before = jdbc.sql("SELECT before::text FROM audit_entries WHERE user_id = ? AND action = 'user.deleted'")
                .param(id).query(String.class).single();
        assertThat(json.readValue(before, Map.class)).containsEntry("email", user.email());

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entries SET action = 'x' WHERE user_id = ?").param(id)
                .update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entries WHERE user_id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO audit_entries (event_id, occurred_at, collected_at, service, actor_type, action,
                    target_type, target_id) VALUES (gen_random_uuid(), now(), now(), 'x', 'system', 'x', 'x', 'x')""")
                .update()).as("an entry of neither an organization nor a user").isInstanceOf(DataAccessException.class);
    }

    @Test
    void badFiltersLimitsAndCursorsAreProblems() {
        Account user = api.register();
        for (String bad : List.of("limit=0", "limit=201", "limit=x", "cursor=bm9wZQ", "cursor=%%%",
                "from=yesterday", "action=ses*sion", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")) {
            ResponseEntity<Map<String, Object>> answer = list(user.accessToken(), bad);
            assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType().toString()).as(bad).startsWith("application/problem+json");
            assertThat((String) answer.getBody().get("type")).as(bad).matches(".*/(invalid-audit-filter|invalid-cursor)");
        }
    }

    /** Connects a Vercel account through the integration flow; answers the Vercel token it was given. */
    private String connectVercel(String access, String requestId) {
        String state = (String) api.get("/api/v1/auth/vercel/url", access).getBody().get("state");
        String code = "code-" + UUID.randomUUID();
        String token = "vercel-token-" + UUID.randomUUID();
        String vercelUser = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        vercel.stubFor(post(urlPathEqualTo("/v2/oauth/access_token")).withFormParam("code", equalTo(code))
                .willReturn(okJson(json.writeValueAsString(Map.of("token_type", "Bearer", "access_token", token,
                        "installation_id", "icfg_1", "user_id", vercelUser, "team_id", "team_personal")))));
        vercel.stubFor(get(urlPathEqualTo("/v2/user")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(json.writeValueAsString(Map.of("user", Map.of("id", vercelUser,
                        "email", "v@example.test", "name", "V", "username", "v-" + vercelUser.substring(0, 6),
                        "defaultTeamId", "team_default"))))));
        assertThat(call(HttpMethod.POST, "/api/v1/auth/vercel/callback", Map.of("code", code, "state", state), access,
                requestId).getStatusCode().value()).isEqualTo(200);
        return token;
    }

    private ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, Object body, String token,
            String requestId) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).header("X-Request-Id", requestId)
                .header("User-Agent", "personal-audit-test");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(TestApi.JSON);
    }

    private ResponseEntity<Map<String, Object>> list(String token, String query) {
        return http.get().uri(AUDIT + "?" + query).header("Authorization", "Bearer " + token).retrieve()
                .toEntity(TestApi.JSON);
    }

    private List<Object> actions(String token, String query) {
        return items(list(token, query)).stream().map(item -> item.get("action")).toList();
    }

    private List<Object> targets(String token, String query) {
        return items(list(token, query)).stream().map(item -> item.get("targetId")).toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ResponseEntity<Map<String, Object>> answer) {
        return items(answer.getBody());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
