package dev.autodeploy.auth.oauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.autodeploy.auth.TestApi;
import dev.autodeploy.testsupport.QuietNotifier;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.vault.TokenVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting a Vercel account to the logged-in user through the integration flow, against a
 * WireMock Vercel that answers as Vercel documents ({@code POST /v2/oauth/access_token},
 * {@code GET /v2/user}); Vercel publishes no machine-readable description of these, so the requests
 * are checked field by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class VercelConnectionTests {

    private static final String CLIENT_ID = "oac_testclient";
    private static final String CLIENT_SECRET = "test-only-vercel-client-secret-93be1f";
    private static final String REDIRECT_URI = "http://localhost:8080/oauth/vercel/callback";
    private static final String TOKEN_PATH = "/v2/oauth/access_token";
    private static final String INVALID_STATE = "https://autodeploy.dev/problems/invalid-oauth-state";

    @RegisterExtension
    static final WireMockExtension vercel = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").notifier(new QuietNotifier()))
            .build();

    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void vercelIntegration(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.oauth.vercel.client-id", () -> CLIENT_ID);
        registry.add("autodeploy.oauth.vercel.client-secret", () -> CLIENT_SECRET);
        registry.add("autodeploy.oauth.vercel.integration-slug", () -> "autodeploy-test");
        registry.add("autodeploy.oauth.vercel.web-uri", () -> "https://vercel.test");
        registry.add("autodeploy.oauth.vercel.api-uri", vercel::baseUrl);
        registry.add("autodeploy.oauth.vercel.redirect-uris", () -> REDIRECT_URI);
        // GitHub too, only so that a GitHub state exists to be misused here.
        registry.add("autodeploy.oauth.github.client-id", () -> "github-client");
        registry.add("autodeploy.oauth.github.client-secret", () -> "test-only-github-secret-unused");
        registry.add("autodeploy.oauth.github.api-uri", vercel::baseUrl);
        registry.add("autodeploy.oauth.github.web-uri", vercel::baseUrl);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TokenVault vault;

    private TestApi api;

    private final List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET));

    /** One installation Vercel will complete: its code, the token for it, the Vercel user and team it is for. */
    private record Installation(String code, String token, String vercelUserId, String username, String teamId) {
    }

    @BeforeEach
    void client() {
        api = new TestApi(port);
    }

    @AfterEach
    void noSecretWasPrinted(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(secrets.toArray(String[]::new));
    }

    @Test
    void connectingVercelNeedsALogin() {
        ResponseEntity<Map<String, Object>> url = api.get("/api/v1/auth/vercel/url", null);
        assertThat(url.getStatusCode().value()).isEqualTo(401);
        assertThat(url.getBody()).containsEntry("type", "https://autodeploy.dev/problems/unauthorized");
        assertThat(api.post("/api/v1/auth/vercel/callback", Map.of("code", "c", "state", "s"), null)
                .getStatusCode().value()).isEqualTo(401);
        vercel.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void theVercelAccountIsConnectedToTheLoggedInUserWithItsTokenEncrypted() {
        TestApi.Account user = api.register();
        Map<String, Object> started = api.get("/api/v1/auth/vercel/url", user.accessToken()).getBody();
        String state = (String) started.get("state");
        assertThat((String) started.get("url"))
                .isEqualTo("https://vercel.test/integrations/autodeploy-test/new?state=" + state);

        Installation installation = stubVercel("team_" + UUID.randomUUID().toString().substring(0, 8));
        ResponseEntity<Map<String, Object>> connected = api.post("/api/v1/auth/vercel/callback",
                Map.of("code", installation.code(), "state", state), user.accessToken());

        assertThat(connected.getStatusCode().value()).isEqualTo(200);
        assertThat(connected.getBody()).containsEntry("provider", "vercel")
                .containsEntry("accountId", installation.vercelUserId()).containsEntry("login", installation.username())
                .containsEntry("scopes", List.of()).containsKey("linkedAt");
        assertThat(connected.getBody().toString()).doesNotContain(installation.token());
        vercel.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .withFormParam("code", equalTo(installation.code()))
                .withFormParam("redirect_uri", equalTo(REDIRECT_URI))
                .withFormParam("code_verifier", absent()));
        assertThat(api.getList("/api/v1/users/" + user.id() + "/connections", user.accessToken()).getBody())
                .extracting(connection -> connection.get("provider")).containsExactly("vercel");
        Map<String, Object> row = jdbc.sql("""
                SELECT access_token, provider_team_id FROM provider_connection WHERE user_id = ? AND provider = 'vercel'""")
                .param(UUID.fromString(user.id())).query().singleRow();
        assertThat(row).containsEntry("provider_team_id", installation.teamId());
        assertThat((String) row.get("access_token")).doesNotContain(installation.token());
        assertThat(vault.decrypt((String) row.get("access_token"), user.id())).isEqualTo(installation.token());
    }

    @Test
    void aStateCompletesOnlyForTheUserWhoStartedIt() {
        TestApi.Account starter = api.register();
        TestApi.Account other = api.register();
        String state = (String) api.get("/api/v1/auth/vercel/url", starter.accessToken()).getBody().get("state");
        Installation installation = stubVercel(null);

        ResponseEntity<Map<String, Object>> hijacked = api.post("/api/v1/auth/vercel/callback",
                Map.of("code", installation.code(), "state", state), other.accessToken());

        assertThat(hijacked.getStatusCode().value()).isEqualTo(400);
        assertThat(hijacked.getBody()).containsEntry("type", INVALID_STATE);
        vercel.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(api.getList("/api/v1/users/" + other.id() + "/connections", other.accessToken()).getBody()).isEmpty();
    }

    @Test
    void aGitHubStateDoesNotCompleteAVercelConnection() {
        TestApi.Account user = api.register();
        String gitHubState = (String) api.get("/api/v1/auth/github/url", null).getBody().get("state");

        ResponseEntity<Map<String, Object>> refused = api.post("/api/v1/auth/vercel/callback",
                Map.of("code", stubVercel(null).code(), "state", gitHubState), user.accessToken());

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).containsEntry("type", INVALID_STATE);
        vercel.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aVercelAccountConnectedToSomeoneElseIsRefused() {
        TestApi.Account first = api.register();
        TestApi.Account second = api.register();
        Installation installation = stubVercel(null);
        connect(first, installation);
        Installation sameAccount = stubVercel(null, installation.vercelUserId());

        ResponseEntity<Map<String, Object>> refused = connect(second, sameAccount);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/provider-account-taken");
        assertThat(api.getList("/api/v1/users/" + second.id() + "/connections", second.accessToken()).getBody())
                .isEmpty();
    }

    @Test
    void vercelRefusingTheCodeIsA400AndConnectsNothing() {
        TestApi.Account user = api.register();
        String state = (String) api.get("/api/v1/auth/vercel/url", user.accessToken()).getBody().get("state");
        vercel.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo("used-code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"bad_request\", \"message\": \"Invalid code\"}}")));

        ResponseEntity<Map<String, Object>> refused = api.post("/api/v1/auth/vercel/callback",
                Map.of("code", "used-code", "state", state), user.accessToken());

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/oauth-code-rejected");
        assertThat(api.getList("/api/v1/users/" + user.id() + "/connections", user.accessToken()).getBody()).isEmpty();
    }

    private ResponseEntity<Map<String, Object>> connect(TestApi.Account user, Installation installation) {
        String state = (String) api.get("/api/v1/auth/vercel/url", user.accessToken()).getBody().get("state");
        return api.post("/api/v1/auth/vercel/callback", Map.of("code", installation.code(), "state", state),
                user.accessToken());
    }

    private Installation stubVercel(String teamId) {
        return stubVercel(teamId, UUID.randomUUID().toString().replace("-", "").substring(0, 24));
    }

    /** Vercel, for one installation: the code is exchanged for a fresh token, which belongs to the Vercel user. */
    private Installation stubVercel(String teamId, String vercelUserId) {
        Installation installation = new Installation("code-" + UUID.randomUUID(),
                "vercel-token-" + UUID.randomUUID(), vercelUserId, "dev-" + vercelUserId.substring(0, 6), teamId);
        secrets.add(installation.token());
        Map<String, Object> token = new HashMap<>(Map.of("token_type", "Bearer",
                "access_token", installation.token(), "installation_id", "icfg_" + UUID.randomUUID(),
                "user_id", vercelUserId));
        token.put("team_id", teamId);
        vercel.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withFormParam("code", equalTo(installation.code()))
                .willReturn(okJson(json.writeValueAsString(token))));
        vercel.stubFor(get(urlPathEqualTo("/v2/user"))
                .withHeader("Authorization", equalTo("Bearer " + installation.token()))
                .willReturn(okJson(json.writeValueAsString(Map.of("user", Map.of("id", vercelUserId,
                        "email", installation.username() + "@example.test", "name", "Dev",
                        "username", installation.username(), "defaultTeamId", "team_default"))))));
        return installation;
    }
}
