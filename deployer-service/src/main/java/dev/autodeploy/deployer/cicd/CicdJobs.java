package dev.autodeploy.deployer.cicd;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The jobs providers hold for environments, one per provider and environment. */
@Component
public class CicdJobs {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    CicdJobs(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Optional<CicdJob> find(UUID providerId, UUID environmentId) {
        return jdbc.sql("SELECT * FROM cicd_jobs WHERE provider_id = ? AND environment_id = ?")
                .params(providerId, environmentId).query(this::job).optional();
    }

    public Optional<CicdJob> find(UUID jobId) {
        return jdbc.sql("SELECT * FROM cicd_jobs WHERE id = ?").param(jobId).query(this::job).optional();
    }

    /** Creates the environment's job record or updates it in place (its id stays). */
    public CicdJob save(UUID providerId, UUID projectId, UUID environmentId, String externalName, String externalUrl,
            Map<String, Object> configuration) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                INSERT INTO cicd_jobs (id, provider_id, project_id, environment_id, external_name, external_url,
                    configuration, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (provider_id, environment_id) DO UPDATE SET external_name = EXCLUDED.external_name,
                    external_url = EXCLUDED.external_url, configuration = EXCLUDED.configuration,
                    updated_at = EXCLUDED.updated_at
                RETURNING *""")
                .params(UUID.randomUUID(), providerId, projectId, environmentId, externalName, externalUrl,
                        json.writeValueAsString(configuration), now, now)
                .query(this::job).single();
    }

    public void delete(UUID providerId, UUID environmentId) {
        jdbc.sql("DELETE FROM cicd_jobs WHERE provider_id = ? AND environment_id = ?")
                .params(providerId, environmentId).update();
    }

    private CicdJob job(ResultSet rs, int rowNumber) throws SQLException {
        return new CicdJob(rs.getObject("id", UUID.class), rs.getObject("provider_id", UUID.class),
                rs.getObject("project_id", UUID.class), rs.getObject("environment_id", UUID.class),
                rs.getString("external_name"), rs.getString("external_url"),
                json.readValue(rs.getString("configuration"), new TypeReference<Map<String, Object>>() { }));
    }
}
