package dev.autodeploy.deployer.project;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.events.AnalysisCompleted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest successful analysis of each repository, as the analyzer announced it on
 * {@code autodeploy.analysis.results} ({@code repository_analyses}). A project can only be made from an analyzed
 * repository of its organization, and every newer analysis refreshes the detected build configuration of the
 * repository's projects; an older analysis arriving late changes nothing.
 */
@Component
class AnalyzedRepositories {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AnalyzedRepositories(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An analyzed repository: where its code is and what the analysis found. */
    record Analyzed(UUID repositoryId, UUID organizationId, UUID analysisId, String repositoryUrl, String branch,
            String commitSha, String rootDirectory, String framework, Map<String, String> buildConfiguration,
            Instant analyzedAt) {
    }

    Optional<Analyzed> find(UUID repositoryId) {
        return jdbc.sql("""
                SELECT repository_id, organization_id, analysis_id, repository_url, branch, commit_sha, root_directory,
                       framework, build_config, analyzed_at
                FROM repository_analyses WHERE repository_id = ?""")
                .param(repositoryId)
                .query((rows, n) -> new Analyzed(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getString(7), rows.getString(8), json.readValue(rows.getString(9), STRING_MAP),
                        rows.getTimestamp(10).toInstant()))
                .optional();
    }

    /**
     * Keeps a successful analysis when it is newer than the one known, and then hands its build configuration to
     * the repository's projects. Runs in the caller's transaction.
     */
    void record(AnalysisCompleted analysis) {
        Map<String, String> build = new LinkedHashMap<>();
        Map<String, String> detected = analysis.buildConfiguration() == null ? Map.of() : analysis.buildConfiguration();
        for (String key : BuildSettings.KEYS) {
            if (detected.get(key) != null) {
                build.put(key, detected.get(key));
            }
        }
        String buildJson = json.writeValueAsString(build);
        Timestamp analyzedAt = Timestamp.from(analysis.occurredAt());
        int kept = jdbc.sql("""
                INSERT INTO repository_analyses (repository_id, organization_id, analysis_id, repository_url, branch,
                    commit_sha, root_directory, framework, build_config, analyzed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (repository_id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                    analysis_id = EXCLUDED.analysis_id, repository_url = EXCLUDED.repository_url,
                    branch = EXCLUDED.branch, commit_sha = EXCLUDED.commit_sha, root_directory = EXCLUDED.root_directory,
                    framework = EXCLUDED.framework, build_config = EXCLUDED.build_config,
                    analyzed_at = EXCLUDED.analyzed_at
                WHERE repository_analyses.analyzed_at <= EXCLUDED.analyzed_at""")
                .params(analysis.repositoryId(), analysis.organizationId(), analysis.analysisId(),
                        analysis.repositoryUrl(), analysis.branch(), analysis.commitSha(),
                        analysis.rootDirectory() == null ? "" : analysis.rootDirectory(), analysis.framework(),
                        buildJson, analyzedAt)
                .update();
        if (kept == 1) {
            jdbc.sql("""
                    UPDATE projects SET detected_build = ?::jsonb, framework = ?, updated_at = ?, version = version + 1
                    WHERE repository_id = ? AND organization_id = ?""")
                    .params(buildJson, analysis.framework(), analyzedAt, analysis.repositoryId(),
                            analysis.organizationId())
                    .update();
        }
    }
}
