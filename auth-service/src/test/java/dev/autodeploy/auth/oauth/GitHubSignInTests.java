package dev.autodeploy.auth.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.autodeploy.auth.TestApi;
import dev.autodeploy.auth.session.TokenHashes;
import dev.autodeploy.testsupport.Contracts;
import dev.autodeploy.testsupport.QuietNotifier;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.vault.TokenVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in with GitHub end to end: auth-service on real Postgres and Redis, GitHub as WireMock. The
 * stubs of GitHub's REST API are built from its published description
 * ({@code shared/contracts/github-rest.slice.json}), and every request auth-service sends there and
 * every answer the stubs give is validated against it after each test. The OAuth endpoints on
 * github.com are not part of that description; their requests are checked field by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class GitHubSignInTests {

    private static final String CLIENT_ID = "Ov23li-test-client";
    private static final String CLIENT_SECRET = "test-only-github-client-secret-7d41c2";
    private static final String REDIRECT_URI = "http://localhost:8080/oauth/github/callback";
    private static final String OTHER_REDIRECT_URI = "http://localhost:5173/oauth/github/callback";
    private static final String TOKEN_PATH = "/login/oauth/access_token";
    private static final String INVALID_STATE = "https://autodeploy.dev/problems/invalid-oauth-state";

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").notifier(new QuietNotifier()))
            .build();

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final OpenApiInteractionValidator contract = Contracts.gitHub();

    @DynamicPropertySource
    static void gitHubApp(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.oauth.github.client-id", () -> CLIENT_ID);
        registry.add("autodeploy.oauth.github.client-secret", () -> CLIENT_SECRET);
        registry.add("autodeploy.oauth.github.web-uri", github::baseUrl);
        registry.add("autodeploy.oauth.github.api-uri", github::baseUrl);
        registry.add("autodeploy.oauth.github.redirect-uris", () -> REDIRECT_URI + "," + OTHER_REDIRECT_URI);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private TokenVault vault;

    @Value("${autodeploy.redis.key-prefix}")
    private String redisKeyPrefix;

    private TestApi api;

    /** Everything that must never reach the output: the client secret and every token GitHub handed out. */
    private final List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET));

    /** A GitHub account as the stubs present it. */
    private record GitHubPerson(long id, String login, String email, boolean emailVerified) {
    }

    /** One authorization GitHub will complete: its code and the token the code is exchanged for. */
    private record Authorization(String code, String token) {
    }

    @BeforeEach
    void client() {
        api = new TestApi(port);
    }

    @AfterEach
    void gitHubApiCallsFollowTheContractAndNoSecretWasPrinted(CapturedOutput output) {
        for (ServeEvent event : github.getAllServeEvents()) {
            if (URI.create(event.getRequest().getUrl()).getPath().equals(TOKEN_PATH)) {
                continue;
            }
            ValidationReport report = Contracts.validate(contract, event);
            assertThat(report.hasErrors())
                    .as("%s against the GitHub contract: %s", event.getRequest().getUrl(), report.getMessages())
                    .isFalse();
        }
        assertThat(output.getAll()).doesNotContain(secrets.toArray(String[]::new));
    }

    @Test
    void signInCreatesAVerifiedUserWhoseSessionWorksAndWhoseTokenIsStoredEncrypted() {
        GitHubPerson person = person(true);
        Map<String, Object> started = api.get("/api/v1/auth/github/url", null).getBody();
        String state = (String) started.get("state");
        assertThat(state).matches("[A-Za-z0-9_-]{43}");
        Map<String, String> query = query((String) started.get("url"));
        assertThat((String) started.get("url")).startsWith(github.baseUrl() + "/login/oauth/authorize?");
        assertThat(query).containsEntry("client_id", CLIENT_ID).containsEntry("redirect_uri", REDIRECT_URI)
                .containsEntry("scope", "read:user user:email repo").containsEntry("state", state)
                .containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
        long ttl = redis.getExpire(redisKeyPrefix + "oauth-state:github:" + TokenHashes.sha256(state), TimeUnit.SECONDS);
        assertThat(ttl).isBetween(1L, 600L);

        Authorization authorization = stubGitHub(person, "read:user,repo,user:email");
        ResponseEntity<Map<String, Object>> signedIn = api.post("/api/v1/auth/github/callback",
                Map.of("code", authorization.code(), "state", state), null);

        assertThat(signedIn.getStatusCode().value()).isEqualTo(200);
        assertThat(signedIn.getBody()).containsKeys("accessToken", "refreshToken").containsEntry("tokenType", "Bearer");
        assertThat(signedIn.getBody().toString()).doesNotContain(authorization.token());
        String userId = TestApi.userId(signedIn.getBody());
        String accessToken = (String) signedIn.getBody().get("accessToken");
        Map<String, Object> me = api.get("/api/v1/auth/me", accessToken).getBody();
        assertThat(me).containsEntry("id", userId).containsEntry("email", person.email())
                .containsEntry("emailVerified", true).containsEntry("name", "Mona " + person.login());

        // PKCE: the verifier sent to GitHub is the one the challenge in the authorize URL was made from.
        Map<String, String> exchange = form(github.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).getFirst()
                .getBodyAsString());
        assertThat(exchange).containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET)
                .containsEntry("code", authorization.code()).containsEntry("redirect_uri", REDIRECT_URI);
        assertThat(Pkce.challenge(exchange.get("code_verifier"))).isEqualTo(query.get("code_challenge"));
        github.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withHeader("Accept", equalTo("application/json")));

        List<Map<String, Object>> connections = api.getList("/api/v1/users/" + userId + "/connections", accessToken)
                .getBody();
        assertThat(connections).singleElement().satisfies(connection -> assertThat(connection)
                .containsEntry("provider", "github").containsEntry("accountId", Long.toString(person.id()))
                .containsEntry("login", person.login())
                .containsEntry("scopes", List.of("read:user", "repo", "user:email"))
                .containsKey("linkedAt").doesNotContainKeys("accessToken", "token"));
        assertThat(connections.toString()).doesNotContain(authorization.token());
        String stored = storedToken(userId);
        assertThat(stored).doesNotContain(authorization.token()).startsWith("v1:local:");
        assertThat(vault.decrypt(stored, userId)).isEqualTo(authorization.token());

        // A user like any other: the session refreshes and the user can create an organization.
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", signedIn.getBody().get("refreshToken")), null)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(api.post("/api/v1/organizations", Map.of("name", "Mona's org"), accessToken)
                .getStatusCode().value()).isEqualTo(201);
        // In the personal log: the new account, its GitHub connection and the sign-in (the refresh is not recorded).
        assertThat(personalLog(accessToken, 3)).containsExactlyInAnyOrder("user.registered github",
                "connection.created github", "session.created github");
    }

    @Test
    void aReplayedStateIsRefusedAndNeverReachesGitHubAgain() {
        GitHubPerson person = person(true);
        String state = startSignIn();
        Authorization authorization = stubGitHub(person, "repo");
        Map<String, Object> callback = Map.of("code", authorization.code(), "state", state);
        assertThat(api.post("/api/v1/auth/github/callback", callback, null).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map<String, Object>> replayed = api.post("/api/v1/auth/github/callback", callback, null);

        assertThat(replayed.getStatusCode().value()).isEqualTo(400);
        assertThat(replayed.getBody()).containsEntry("type", INVALID_STATE);
        github.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aMissingUnknownOrMalformedStateIsRefusedAndChangesNothing() {
        Authorization authorization = stubGitHub(person(true), "repo");
        List<Map<String, Object>> callbacks = List.of(
                Map.of("code", authorization.code()),
                Map.of("code", authorization.code(), "state", "A".repeat(43)),
                Map.of("code", authorization.code(), "state", "not a state"));
        for (Map<String, Object> callback : callbacks) {
            ResponseEntity<Map<String, Object>> refused = api.post("/api/v1/auth/github/callback", callback, null);
            assertThat(refused.getStatusCode().value()).as("%s", callback).isEqualTo(400);
            assertThat(refused.getBody()).containsEntry("type", INVALID_STATE).doesNotContainKey("accessToken");
        }
        github.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void onlyAllowListedRedirectUrisAreUsedAndTheChosenOneReachesTheExchange() {
        ResponseEntity<Map<String, Object>> foreign = api.get(
                "/api/v1/auth/github/url?redirectUri=https://evil.example/callback", null);
        assertThat(foreign.getStatusCode().value()).isEqualTo(400);
        assertThat(foreign.getBody()).containsEntry("type", "https://autodeploy.dev/problems/redirect-uri-not-allowed");

        Map<String, Object> started = api.get("/api/v1/auth/github/url?redirectUri=" + OTHER_REDIRECT_URI, null)
                .getBody();
        assertThat(query((String) started.get("url"))).containsEntry("redirect_uri", OTHER_REDIRECT_URI);
        Authorization authorization = stubGitHub(person(true), "repo");
        api.post("/api/v1/auth/github/callback", Map.of("code", authorization.code(), "state", started.get("state")),
                null);
        assertThat(form(github.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).getFirst().getBodyAsString()))
                .containsEntry("redirect_uri", OTHER_REDIRECT_URI);
    }

    @Test
    void anExistingAccountWithTheVerifiedEmailIsLinkedAndItsUnverifiedPasswordDropped() {
        TestApi.Account existing = api.register();
        GitHubPerson person = new GitHubPerson(accountId(), "octo-" + UUID.randomUUID(), existing.email().toUpperCase(),
                true);

        Map<String, Object> signedIn = signIn(person).getBody();

        assertThat(TestApi.userId(signedIn)).isEqualTo(existing.id());
        assertThat(api.getList("/api/v1/users/" + existing.id() + "/connections", (String) signedIn.get("accessToken"))
                .getBody()).extracting(connection -> connection.get("accountId")).containsExactly(Long.toString(person.id()));
        assertThat(api.get("/api/v1/auth/me", (String) signedIn.get("accessToken")).getBody())
                .containsEntry("emailVerified", true);
        // The password was set before anyone proved owning the email: it and its sessions are gone.
        assertThat(api.post("/api/v1/auth/login", Map.of("email", existing.email(), "password", existing.password()),
                null).getStatusCode().value()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", existing.refreshToken()), null)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(personalLog((String) signedIn.get("accessToken"), 7)).containsExactlyInAnyOrder(
                "user.registered password", "session.created password", "user.updated passwordChanged",
                "session.revoked password-dropped", "connection.created github", "session.created github",
                "session.failed no-password");
    }

    /**
     * The signed-in user's personal log once it has {@code expected} entries, each as its action and what tells it
     * apart: the sign-in method, the reason, the connection's provider, or that the password went.
     */
    @SuppressWarnings("unchecked")
    private List<String> personalLog(String accessToken, int expected) {
        List<Map<String, Object>> items = await().atMost(Duration.ofSeconds(30)).until(
                () -> (List<Map<String, Object>>) api.get("/api/v1/users/me/audit", accessToken).getBody().get("items"),
                found -> found.size() >= expected);
        return items.stream().map(item -> {
            Map<String, Object> after = item.get("after") == null ? Map.of() : (Map<String, Object>) item.get("after");
            Object detail = after.containsKey("passwordChanged") ? "passwordChanged"
                    : after.getOrDefault("reason", after.getOrDefault("method", after.get("provider")));
            return item.get("action") + " " + detail;
        }).toList();
    }

    @Test
    void anUnverifiedEmailLinksNothingAndCreatesNoAccount() {
        TestApi.Account existing = api.register();
        GitHubPerson person = new GitHubPerson(accountId(), "octo-" + UUID.randomUUID(), existing.email(), false);

        ResponseEntity<Map<String, Object>> refused = signIn(person);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/no-verified-email")
                .doesNotContainKey("accessToken");
        assertThat(api.getList("/api/v1/users/" + existing.id() + "/connections", existing.accessToken()).getBody())
                .isEmpty();
        assertThat(connectionRows(person)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(?)").param(existing.email())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", existing.email(), "password", existing.password()),
                null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void signingInAgainWithTheSameGitHubAccountIsTheSameUserWithTheNewToken() {
        GitHubPerson person = person(true);
        Map<String, Object> first = signIn(person).getBody();
        // GitHub may show another email by now: the connection, not the email, says who this is.
        GitHubPerson renamed = new GitHubPerson(person.id(), person.login() + "-renamed",
                "changed-" + UUID.randomUUID() + "@example.test", true);
        String state = startSignIn();
        Authorization second = stubGitHub(renamed, "repo,user:email");
        Map<String, Object> again = api.post("/api/v1/auth/github/callback",
                Map.of("code", second.code(), "state", state), null).getBody();

        String userId = TestApi.userId(first);
        assertThat(TestApi.userId(again)).isEqualTo(userId);
        assertThat(connectionRows(person)).isEqualTo(1);
        assertThat(vault.decrypt(storedToken(userId), userId)).isEqualTo(second.token());
        assertThat(api.getList("/api/v1/users/" + userId + "/connections", (String) again.get("accessToken")).getBody())
                .singleElement().satisfies(connection -> assertThat(connection)
                        .containsEntry("login", renamed.login()).containsEntry("scopes", List.of("repo", "user:email")));
        assertThat(api.get("/api/v1/auth/me", (String) again.get("accessToken")).getBody())
                .containsEntry("email", person.email());
    }

    @Test
    void gitHubRefusingTheCodeIsA400AndGitHubFailingA502AndNobodyIsSignedIn() {
        String rejectedState = startSignIn();
        github.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo("expired-code"))
                .willReturn(okJson("""
                        {"error": "bad_verification_code", "error_description": "The code passed is incorrect or expired.",
                         "error_uri": "https://docs.github.com/apps/troubleshooting"}""")));
        ResponseEntity<Map<String, Object>> rejected = api.post("/api/v1/auth/github/callback",
                Map.of("code", "expired-code", "state", rejectedState), null);
        assertThat(rejected.getStatusCode().value()).isEqualTo(400);
        assertThat(rejected.getBody()).containsEntry("type", "https://autodeploy.dev/problems/oauth-code-rejected");
        assertThat(rejected.getBody().toString()).doesNotContain("incorrect or expired");

        String misconfiguredState = startSignIn();
        github.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo("code-for-wrong-secret"))
                .willReturn(okJson("""
                        {"error": "incorrect_client_credentials", "error_description": "The client_id and/or client_secret passed are incorrect."}""")));
        ResponseEntity<Map<String, Object>> misconfigured = api.post("/api/v1/auth/github/callback",
                Map.of("code", "code-for-wrong-secret", "state", misconfiguredState), null);
        assertThat(misconfigured.getStatusCode().value()).isEqualTo(502);
        assertThat(misconfigured.getBody()).containsEntry("type", "https://autodeploy.dev/problems/oauth-provider-error");

        GitHubPerson person = person(true);
        String failingState = startSignIn();
        Authorization authorization = stubGitHub(person, "repo");
        github.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + authorization.token()))
                .willReturn(aResponse().withStatus(500)));
        ResponseEntity<Map<String, Object>> failing = api.post("/api/v1/auth/github/callback",
                Map.of("code", authorization.code(), "state", failingState), null);
        assertThat(failing.getStatusCode().value()).isEqualTo(502);
        assertThat(failing.getBody()).containsEntry("type", "https://autodeploy.dev/problems/oauth-provider-error");
        assertThat(connectionRows(person)).isZero();
    }

    @Test
    void contractCheckCatchesAUserAnswerGitHubWouldNotGive() {
        ObjectNode user = userJson(person(true));
        user.remove("login");
        ValidationReport report = contract.validateResponse("/user", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(user.toString()).build());
        assertThat(report.hasErrors()).isTrue();
    }

    private String startSignIn() {
        return (String) api.get("/api/v1/auth/github/url", null).getBody().get("state");
    }

    private ResponseEntity<Map<String, Object>> signIn(GitHubPerson person) {
        String state = startSignIn();
        Authorization authorization = stubGitHub(person, "read:user,repo,user:email");
        return api.post("/api/v1/auth/github/callback", Map.of("code", authorization.code(), "state", state), null);
    }

    /** GitHub, for one authorization: the code is exchanged for a fresh token, which belongs to {@code person}. */
    private Authorization stubGitHub(GitHubPerson person, String grantedScopes) {
        Authorization authorization = new Authorization("code-" + UUID.randomUUID(),
                "gho_" + UUID.randomUUID().toString().replace("-", ""));
        secrets.add(authorization.token());
        github.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo(authorization.code()))
                .willReturn(okJson(json.writeValueAsString(Map.of("access_token", authorization.token(),
                        "token_type", "bearer", "scope", grantedScopes)))));
        github.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + authorization.token()))
                .willReturn(okJson(userJson(person).toString())));
        github.stubFor(get(urlPathEqualTo("/user/emails"))
                .withHeader("Authorization", equalTo("Bearer " + authorization.token()))
                .willReturn(okJson(emailsJson(person).toString())));
        return authorization;
    }

    /** The contract's own example of {@code GET /user}, made into this person. */
    private static ObjectNode userJson(GitHubPerson person) {
        ObjectNode user = (ObjectNode) contractExample("private-user-response-with-public-and-private-profile-information")
                .deepCopy();
        user.put("id", person.id()).put("login", person.login()).put("name", "Mona " + person.login())
                .put("email", person.email()).put("user_view_type", "private")
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + person.id());
        return user;
    }

    /** The contract's example of {@code GET /user/emails}: this person's primary email and a verified secondary one. */
    private static ArrayNode emailsJson(GitHubPerson person) {
        ArrayNode emails = (ArrayNode) contractExample("email-items-2").deepCopy();
        ((ObjectNode) emails.get(0)).put("email", person.email()).put("primary", true)
                .put("verified", person.emailVerified());
        emails.addObject().put("email", person.id() + "+" + person.login() + "@users.noreply.github.com")
                .put("primary", false).put("verified", true).putNull("visibility");
        return emails;
    }

    private static JsonNode contractExample(String name) {
        return Contracts.example(Contracts.GITHUB_REST, name);
    }

    private GitHubPerson person(boolean emailVerified) {
        return new GitHubPerson(accountId(), "octo-" + UUID.randomUUID().toString().substring(0, 8),
                "octo-" + UUID.randomUUID() + "@example.test", emailVerified);
    }

    private static long accountId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    private String storedToken(String userId) {
        return jdbc.sql("SELECT access_token FROM provider_connection WHERE user_id = ? AND provider = 'github'")
                .param(UUID.fromString(userId)).query(String.class).single();
    }

    private long connectionRows(GitHubPerson person) {
        return jdbc.sql("SELECT count(*) FROM provider_connection WHERE provider = 'github' AND provider_account_id = ?")
                .param(Long.toString(person.id())).query(Long.class).single();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> decoded = new HashMap<>();
        UriComponentsBuilder.fromUriString(url).build().getQueryParams()
                .forEach((name, values) -> decoded.put(name, URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8)));
        return decoded;
    }

    private static Map<String, String> form(String body) {
        return query("http://form?" + body);
    }
}
