package dev.autodeploy.deployer.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.vault.TokenVault;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Database provisioning on the platform's real Postgres: a database and role of the environment's own, its
 * connection string a secret variable an app really connects with, metrics read from Postgres, deletion dropping
 * both; the {@code provision_database} step doing the same for a deployment that asks.
 */
class DatabaseApiTests extends DeployerTest {

    @Autowired
    private LocalPostgres postgres;

    @Autowired
    private TokenVault vault;

    @AfterEach
    void dropWhatWasMade() throws SQLException {
        for (String name : jdbc.sql("SELECT database_name FROM databases").query(String.class).list()) {
            postgres.drop(name);
        }
    }

    @Test
    void aDatabaseIsMadeForTheEnvironmentAndItsConnectionStringIsASecretThatWorks() throws Exception {
        Member admin = member(Role.ADMIN);
        Map<String, Object> project = staticProject(admin);

        ResponseEntity<Map<String, Object>> created = post("/api/v1/databases", Map.of("projectId", project.get("id")),
                admin);

        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        Map<String, Object> database = created.getBody();
        assertThat(database).containsEntry("engine", "postgresql").containsEntry("provider", "local")
                .containsEntry("status", "available").containsEntry("environment", "production")
                .containsEntry("variableKey", "DATABASE_URL");
        String name = (String) database.get("name");
        assertThat(name).startsWith("app_");
        assertThat(count("SELECT count(*) FROM pg_database WHERE datname = ?", name)).isOne();
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = ?", name)).isOne();
        assertThat(database.toString()).doesNotContainIgnoringCase("password");

        Map<String, Object> variables = get("/api/v1/projects/" + project.get("id") + "/env", admin).getBody();
        assertThat(list(variables.get("variables"))).singleElement().satisfies(variable -> assertThat(variable)
                .containsEntry("key", "DATABASE_URL").containsEntry("secret", true).containsEntry("value", null));
        String url = decrypted(project);
        assertThat(url).startsWith("postgresql://" + name + ":").endsWith("/" + name);
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id serial PRIMARY KEY, total numeric)");
            statement.execute("INSERT INTO orders (total) VALUES (42)");
        }

        Map<String, Object> metrics = get("/api/v1/databases/" + database.get("id") + "/metrics", admin).getBody();
        assertThat(((Number) metrics.get("sizeBytes")).longValue()).isPositive();
        assertThat(metrics).containsKeys("connections", "commits", "rollbacks", "cacheHitRatio", "measuredAt");
        assertThat(call(org.springframework.http.HttpMethod.GET, "/api/v1/databases?projectId=" + project.get("id"),
                null, admin).body(List.class)).hasSize(1);

        ResponseEntity<Map<String, Object>> again = post("/api/v1/databases", Map.of("projectId", project.get("id")),
                admin);
        assertThat(again.getStatusCode().value()).isEqualTo(409);

        assertThat(delete("/api/v1/databases/" + database.get("id"), admin)).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM pg_database WHERE datname = ?", name)).isZero();
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = ?", name)).isZero();
        assertThat(list(get("/api/v1/projects/" + project.get("id") + "/env", admin).getBody().get("variables")))
                .isEmpty();
        assertThat(get("/api/v1/databases/" + database.get("id"), admin).getStatusCode().value()).isEqualTo(404);
        assertThatThrownBy(() -> connect(url).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void adminsProvisionViewersReadAndOtherOrganizationsSeeNothing() {
        Member admin = member(Role.ADMIN);
        Member developer = member(admin.organizationId(), Role.DEVELOPER);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        Map<String, Object> project = staticProject(admin);

        assertThat(post("/api/v1/databases", Map.of("projectId", project.get("id")), developer).getStatusCode()
                .value()).isEqualTo(403);
        Map<String, Object> database = post("/api/v1/databases", Map.of("projectId", project.get("id"),
                "variableKey", "PG_URL"), admin).getBody();
        assertThat(get("/api/v1/databases/" + database.get("id"), viewer).getStatusCode().value()).isEqualTo(200);
        assertThat(delete("/api/v1/databases/" + database.get("id"), developer)).isEqualTo(403);
        assertThat(get("/api/v1/databases/" + database.get("id"), member(Role.OWNER)).getStatusCode().value())
                .isEqualTo(404);
        ResponseEntity<Map<String, Object>> reserved = post("/api/v1/databases", Map.of("projectId", project.get("id"),
                "variableKey", "PORT"), admin);
        assertThat(reserved.getStatusCode().value()).isIn(409, 422);
        assertThat(post("/api/v1/databases", Map.of("projectId", project.get("id"), "engine", "mysql"), admin)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(delete("/api/v1/databases/" + database.get("id"), admin)).isEqualTo(204);
    }

    @Test
    void aDeploymentThatAsksForADatabaseGetsOneInjected() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(admin, repository, commit, TestApps.NODE_BUILD);
        assertThat(post("/api/v1/projects/" + project.get("id") + "/deployments", Map.of("provisionDatabase", true),
                member(admin.organizationId(), Role.DEVELOPER)).getStatusCode().value()).isEqualTo(403);

        Map<String, Object> ready = awaitStatus(admin, deploy(admin, project.get("id"),
                Map.of("provisionDatabase", true)).get("id"), "ready");

        assertThat(step(ready, "provision_database")).containsEntry("status", "completed");
        assertThat(app((String) ready.get("url")).body()).endsWith(" db=yes");
        Map<String, Object> again = deployed(admin, project.get("id"));
        assertThat(step(again, "provision_database")).containsEntry("status", "completed");
        assertThat(count("SELECT count(*) FROM databases WHERE project_id = ?",
                UUID.fromString((String) project.get("id")))).isOne();
    }

    private Map<String, Object> staticProject(Member admin) {
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("DB"));
        return project(admin, repository, commit, Map.of("outputDirectory", "."));
    }

    private String decrypted(Map<String, Object> project) {
        Map<String, Object> row = jdbc.sql("""
                SELECT v.environment_id, v.encrypted_value FROM environment_variables v JOIN environments e
                  ON e.id = v.environment_id WHERE e.project_id = ? AND v.key = 'DATABASE_URL'""")
                .param(UUID.fromString((String) project.get("id"))).query().singleRow();
        return vault.decrypt((String) row.get("encrypted_value"), "environment:" + row.get("environment_id")
                + ":DATABASE_URL");
    }

    private static Connection connect(String url) throws SQLException {
        URI uri = URI.create(url);
        String[] credentials = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
                credentials[0], credentials[1]);
    }
}
