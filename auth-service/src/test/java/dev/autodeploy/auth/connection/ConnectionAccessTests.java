package dev.autodeploy.auth.connection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.autodeploy.auth.TestApi;
import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see and remove a user's provider connections (only the user), and who may read a
 * decrypted provider token (only a service, with a service token from its client credentials).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class ConnectionAccessTests {

    /** From src/test/resources/config/application-test.yml, as DEPLOYER_SERVICE_CLIENT_SECRET would be. */
    private static final String SERVICE_SECRET = "test-only-deployer-client-secret-0123456789";

    @LocalServerPort
    private int port;

    @Autowired
    private ProviderConnections connections;

    @Autowired
    private JdbcClient jdbc;

    private TestApi api;

    @BeforeEach
    void client() {
        api = new TestApi(port);
    }

    @Test
    void usersSeeTheirOwnConnectionsWithoutTokensAndNobodyElseSeesThem() {
        TestApi.Account owner = api.register();
        TestApi.Account other = api.register();
        String gitHubToken = connect(owner, Provider.GITHUB);
        String vercelToken = connect(owner, Provider.VERCEL);
        String path = "/api/v1/users/" + owner.id() + "/connections";

        ResponseEntity<List<Map<String, Object>>> own = api.getList(path, owner.accessToken());
        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody()).extracting(connection -> connection.get("provider")).containsExactly("github", "vercel");
        assertThat(own.getBody()).allSatisfy(connection -> assertThat(connection)
                .containsOnlyKeys("provider", "accountId", "login", "scopes", "linkedAt"));
        assertThat(own.getBody().toString()).doesNotContain(gitHubToken).doesNotContain(vercelToken);

        ResponseEntity<Map<String, Object>> foreign = api.get(path, other.accessToken());
        assertThat(foreign.getStatusCode().value()).isEqualTo(404);
        assertThat(foreign.getBody()).containsEntry("type", "https://autodeploy.dev/problems/user-not-found");
        assertThat(api.get("/api/v1/users/" + UUID.randomUUID() + "/connections", other.accessToken())
                .getStatusCode().value()).isEqualTo(404);
        assertThat(api.get(path, null).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void unlinkingDeletesTheConnectionWithItsTokenAndOnlyTheUserMayDoIt() {
        TestApi.Account owner = api.register();
        TestApi.Account other = api.register();
        connect(owner, Provider.GITHUB);
        String path = "/api/v1/users/" + owner.id() + "/connections/github";

        assertThat(api.delete(path, other.accessToken())).isEqualTo(404);
        assertThat(rows(owner)).isEqualTo(1);
        assertThat(api.delete(path, owner.accessToken())).isEqualTo(204);
        assertThat(rows(owner)).isZero();
        assertThat(api.getList("/api/v1/users/" + owner.id() + "/connections", owner.accessToken()).getBody()).isEmpty();
        assertThat(api.delete(path, owner.accessToken())).isEqualTo(404);
        assertThat(api.delete("/api/v1/users/" + owner.id() + "/connections/gitlab", owner.accessToken())).isEqualTo(404);
    }

    @Test
    void aServiceReadsTheDecryptedTokenWithAServiceTokenAndNothingElseDoes(CapturedOutput output) throws Exception {
        TestApi.Account owner = api.register();
        String gitHubToken = connect(owner, Provider.GITHUB);
        String path = "/internal/v1/users/" + owner.id() + "/connections/github/token";

        ResponseEntity<Map<String, Object>> issued = api.post("/internal/v1/service-tokens",
                Map.of("clientId", "deployer-service", "clientSecret", SERVICE_SECRET), null);
        assertThat(issued.getStatusCode().value()).isEqualTo(200);
        assertThat(issued.getBody()).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 300);
        String serviceToken = (String) issued.getBody().get("accessToken");
        JWTClaimsSet claims = SignedJWT.parse(serviceToken).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("service:deployer-service");
        assertThat(claims.getStringClaim("scope")).isEqualTo("internal");
        assertThat(claims.getIssuer()).isEqualTo("autodeploy");
        assertThat(claims.getAudience()).containsExactly("autodeploy-api");

        ResponseEntity<Map<String, Object>> read = api.get(path, serviceToken);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).containsEntry("provider", "github").containsEntry("accessToken", gitHubToken)
                .containsEntry("scopes", List.of("repo", "user:email"));

        ResponseEntity<Map<String, Object>> asUser = api.get(path, owner.accessToken());
        assertThat(asUser.getStatusCode().value()).isEqualTo(403);
        assertThat(asUser.getBody()).containsEntry("type", "https://autodeploy.dev/problems/forbidden");
        assertThat(asUser.getBody().toString()).doesNotContain(gitHubToken);
        ResponseEntity<Map<String, Object>> anonymous = api.get(path, null);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api.get(path, "not-a-token").getStatusCode().value()).isEqualTo(401);
        assertThat(api.get("/internal/v1/users/" + UUID.randomUUID() + "/connections/github/token", serviceToken)
                .getBody()).containsEntry("type", "https://autodeploy.dev/problems/connection-not-found");
        assertThat(api.get("/internal/v1/users/" + owner.id() + "/connections/gitlab/token", serviceToken)
                .getStatusCode().value()).isEqualTo(404);
        // A service token opens /internal only; the public API is for people.
        assertThat(api.get("/api/v1/auth/me", serviceToken).getStatusCode().value()).isEqualTo(403);
        assertThat(api.get("/api/v1/organizations", serviceToken).getStatusCode().value()).isEqualTo(403);

        assertThat(output.getAll()).contains("service:deployer-service read the github token of user " + owner.id())
                .doesNotContain(gitHubToken).doesNotContain(SERVICE_SECRET).doesNotContain(serviceToken);
    }

    @Test
    void aServiceTokenNeedsTheRightClientSecret(CapturedOutput output) {
        for (Map<String, Object> credentials : List.<Map<String, Object>>of(
                Map.of("clientId", "deployer-service", "clientSecret", SERVICE_SECRET + "x"),
                Map.of("clientId", "deployer-service", "clientSecret", SERVICE_SECRET.substring(0, 20)),
                Map.of("clientId", "unknown-service", "clientSecret", SERVICE_SECRET),
                // configured in config-repo, but its secret is not set here: switched off
                Map.of("clientId", "analyzer-service", "clientSecret", SERVICE_SECRET))) {
            ResponseEntity<Map<String, Object>> refused = api.post("/internal/v1/service-tokens", credentials, null);
            assertThat(refused.getStatusCode().value()).as("%s", credentials.get("clientId")).isEqualTo(401);
            assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-client")
                    .doesNotContainKey("accessToken");
        }
        assertThat(api.post("/internal/v1/service-tokens", Map.of("clientId", "deployer-service"), null)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(SERVICE_SECRET.substring(0, 20));
    }

    @Test
    void aServiceTokenIsNoUserLogin() {
        TestApi.Account owner = api.register();
        connect(owner, Provider.GITHUB);
        String serviceToken = (String) api.post("/internal/v1/service-tokens",
                Map.of("clientId", "deployer-service", "clientSecret", SERVICE_SECRET), null).getBody().get("accessToken");

        // Refused before any controller runs: the public API takes user tokens only.
        assertThat(api.get("/api/v1/users/" + owner.id() + "/connections", serviceToken).getStatusCode().value())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/users/" + owner.id() + "/connections/github", serviceToken)).isEqualTo(403);
        assertThat(rows(owner)).isEqualTo(1);
    }

    /** Connects an account of the provider as a successful OAuth flow would; returns its token. */
    private String connect(TestApi.Account user, Provider provider) {
        String token = provider.wire() + "-token-" + UUID.randomUUID();
        connections.link(UUID.fromString(user.id()), new NewConnection(provider, UUID.randomUUID().toString(),
                "login-" + user.id().substring(0, 8), null, token, List.of("repo", "user:email")));
        return token;
    }

    private long rows(TestApi.Account user) {
        return jdbc.sql("SELECT count(*) FROM provider_connection WHERE user_id = ?").param(UUID.fromString(user.id()))
                .query(Long.class).single();
    }
}
