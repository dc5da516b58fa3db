package dev.autodeploy.analyzer.analysis;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.analyzer.AnalyzerTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing stays queued or running forever: the sweep fails abandoned analyses and leaves live ones alone. */
class AnalysisSweeperTests extends AnalyzerTest {

    @Autowired
    private AnalysisSweeper sweeper;

    @Test
    void analysesAbandonedWhileRunningOrQueuedAreFailedAndRecentOnesAreLeftAlone() {
        Member developer = member(Role.DEVELOPER);
        UUID repositoryId = UUID.fromString((String) post("/api/v1/repositories", Map.of("organizationId",
                developer.organizationId(), "url", "file:///srv/git/sweep.git", "defaultBranch", "main"), developer)
                .getBody().get("id"));
        Instant now = Instant.now();
        UUID crashed = insert(repositoryId, "running", now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(11)));
        UUID forgotten = insert(repositoryId, "queued", now.minus(Duration.ofHours(2)), null);
        UUID working = insert(repositoryId, "running", now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofMinutes(1)));
        UUID waiting = insert(repositoryId, "queued", now.minus(Duration.ofMinutes(5)), null);

        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(status(crashed)).isEqualTo("failed");
        assertThat(status(forgotten)).isEqualTo("failed");
        assertThat(status(working)).isEqualTo("running");
        assertThat(status(waiting)).isEqualTo("queued");
        assertThat(get("/api/v1/repositories/" + repositoryId + "/analyses/" + crashed, developer).getBody())
                .containsEntry("status", "failed").containsKey("completedAt")
                .satisfies(body -> assertThat((String) body.get("failureReason")).contains("did not finish in time"));
        assertThat(sweeper.sweep()).isZero();
    }

    private UUID insert(UUID repositoryId, String status, Instant createdAt, Instant startedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO repository_analyses (id, repository_id, branch, commit_sha, status, engine_version,
                    requested_by, created_at, started_at) VALUES (?, ?, 'main', ?, ?, 'test', ?, ?, ?)""")
                .params(id, repositoryId, "a".repeat(40), status, UUID.randomUUID(), Timestamp.from(createdAt),
                        startedAt == null ? null : Timestamp.from(startedAt))
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM repository_analyses WHERE id = ?").param(id).query(String.class).single();
    }
}
