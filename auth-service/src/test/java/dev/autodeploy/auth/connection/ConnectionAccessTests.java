package dev.autodeploy.auth.connection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.auth.TestApi;
import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see and remove a user's provider connections: only the user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ConnectionAccessTests {

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
