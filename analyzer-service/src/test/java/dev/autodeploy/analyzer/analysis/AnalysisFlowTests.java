package dev.autodeploy.analyzer.analysis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.analyzer.AnalyzerTest;
import dev.autodeploy.analyzer.TestRepositories;
import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;
import dev.autodeploy.events.AnalysisCompleted;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous analysis flow end to end on real infrastructure: a Git repository on disk, registered
 * by file:// URL, analyzed through Kafka by the worker with JGit and the engine, cached in Redis, with
 * {@code AnalysisCompleted} on {@code autodeploy.analysis.results}.
 */
class AnalysisFlowTests extends AnalyzerTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @TempDir
    Path temp;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumerFactory;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private RepositoryAnalyzer analyzer;

    @Value("${autodeploy.redis.key-prefix}")
    private String redisPrefix;

    private Consumer<String, CloudEvent<?>> results;

    @BeforeEach
    void listenToResults() {
        results = consumerFactory.createConsumer("analysis-results-" + UUID.randomUUID(), null);
        List<TopicPartition> partitions = results.partitionsFor(Topics.ANALYSIS_RESULTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        partitions.forEach(results::position);
    }

    @AfterEach
    void stopListening() {
        results.close();
    }

    @Test
    void aNextJsRepositoryIsAnalyzedAsynchronouslyAndTheResultPublishedAndCached() {
        Member developer = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            String commit = remote.commit("Next.js app", TestRepositories.nextJsApp());
            String repositoryId = (String) register(remote.fileUrl(), developer).get("id");

            ResponseEntity<Map<String, Object>> accepted = post(analyze(repositoryId), Map.of("branch", "main"),
                    developer);

            assertThat(accepted.getStatusCode().value()).isEqualTo(202);
            String analysisId = (String) accepted.getBody().get("id");
            assertThat(accepted.getBody()).containsEntry("status", "queued").containsEntry("commit", commit)
                    .containsEntry("branch", "main").containsEntry("engineVersion", analyzer.version());
            assertThat(accepted.getHeaders().getLocation())
                    .hasToString("/api/v1/repositories/" + repositoryId + "/analyses/" + analysisId);

            Map<String, Object> done = awaitEnded(repositoryId, analysisId);
            assertThat(done).containsEntry("status", "completed");
            Map<String, Object> latest = get("/api/v1/repositories/" + repositoryId + "/analysis", developer).getBody();
            assertThat(latest).containsEntry("id", analysisId).containsEntry("commit", commit)
                    .containsEntry("language", "typescript").containsEntry("packageManager", "npm")
                    .containsEntry("rootDirectory", "")
                    .containsKeys("environmentVariables", "dependencies", "recommendations", "apps", "evidence",
                            "warnings", "createdAt", "startedAt", "completedAt");
            assertThat(map(latest.get("repository"))).containsEntry("id", repositoryId)
                    .containsEntry("fullName", "remote").containsEntry("defaultBranch", "main");
            assertThat(map(latest.get("framework"))).containsEntry("name", "Next.js").containsEntry("version", "14.0.0");
            assertThat(((Number) map(latest.get("framework")).get("confidence")).doubleValue()).isBetween(0.5, 1.0);
            assertThat(map(latest.get("buildConfiguration"))).containsEntry("installCommand", "npm ci")
                    .containsEntry("buildCommand", "npm run build").containsEntry("startCommand", "npm run start");
            assertThat(map(latest.get("dependencies")).get("production").toString()).contains("next", "react");
            assertThat((List<?>) latest.get("evidence")).isNotEmpty();
            assertThat(get("/api/v1/repositories/" + repositoryId, developer).getBody())
                    .containsEntry("language", latest.get("language"));
            assertThat(latest.get("language")).isIn("javascript", "typescript");

            AnalysisCompleted event = completedEvent(analysisId);
            assertThat(event.outcome()).isEqualTo("succeeded");
            assertThat(event.framework()).isEqualTo("nextjs");
            assertThat(event.commitSha()).isEqualTo(commit);
            assertThat(event.organizationId()).isEqualTo(developer.organizationId());
            assertThat(event.buildConfiguration()).containsEntry("buildCommand", "npm run build");
            assertThat(event.repositoryUrl()).startsWith("file:");
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.rootDirectory()).isEmpty();

            String key = redisPrefix + "analysis:" + repositoryId + ":" + commit + ":" + analyzer.version();
            assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, Duration.ofHours(24).toSeconds());
            assertThat(clonesDirectory()).isEmptyDirectory();
        }
    }

    @Test
    void theSameCommitIsAnsweredFromTheCacheOrTableUnlessForcedAndANewCommitIsAnalyzedAgain() {
        Member developer = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            remote.commit("Express API", TestRepositories.expressApp());
            String repositoryId = (String) register(remote.fileUrl(), developer).get("id");
            String first = (String) post(analyze(repositoryId), Map.of(), developer).getBody().get("id");
            awaitEnded(repositoryId, first);

            ResponseEntity<Map<String, Object>> cached = post(analyze(repositoryId), Map.of("force", false), developer);
            assertThat(cached.getStatusCode().value()).isEqualTo(200);
            assertThat(cached.getBody()).containsEntry("id", first).containsEntry("status", "completed");
            assertThat(map(cached.getBody().get("framework"))).containsEntry("name", "Express");
            redis.delete(redis.keys(redisPrefix + "analysis:" + repositoryId + ":*"));
            ResponseEntity<Map<String, Object>> fromTable = post(analyze(repositoryId), null, developer);
            assertThat(fromTable.getStatusCode().value()).isEqualTo(200);
            assertThat(fromTable.getBody()).containsEntry("id", first);
            assertThat(rows("repository_analyses", "repository_id", UUID.fromString(repositoryId))).isEqualTo(1);

            ResponseEntity<Map<String, Object>> forced = post(analyze(repositoryId), Map.of("force", true), developer);
            assertThat(forced.getStatusCode().value()).isEqualTo(202);
            String second = (String) forced.getBody().get("id");
            assertThat(second).isNotEqualTo(first);
            assertThat(awaitEnded(repositoryId, second)).containsEntry("status", "completed");

            String newCommit = remote.commit("Readme", Map.of("README.md", "# API\n"));
            ResponseEntity<Map<String, Object>> moved = post(analyze(repositoryId), Map.of(), developer);
            assertThat(moved.getStatusCode().value()).isEqualTo(202);
            assertThat(moved.getBody()).containsEntry("commit", newCommit);
            String third = (String) moved.getBody().get("id");
            awaitEnded(repositoryId, third);
            assertThat(get("/api/v1/repositories/" + repositoryId + "/analysis", developer).getBody())
                    .containsEntry("id", third);

            Map<String, Object> history = get("/api/v1/repositories/" + repositoryId + "/analyses?size=2", developer)
                    .getBody();
            assertThat(content(history)).extracting(a -> a.get("id")).containsExactly(third, second);
            assertThat(map(history.get("page"))).containsEntry("totalElements", 3).containsEntry("totalPages", 2);
        }
    }

    @Test
    void aCommitThatCannotBeFetchedEndsFailedWithAReasonAndIsPublished() {
        Member developer = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            remote.commit("first", TestRepositories.expressApp());
            String repositoryId = (String) register(remote.fileUrl(), developer).get("id");
            String missing = "0123456789abcdef0123456789abcdef01234567";

            ResponseEntity<Map<String, Object>> accepted = post(analyze(repositoryId), Map.of("commit", missing),
                    developer);
            assertThat(accepted.getStatusCode().value()).isEqualTo(202);
            String analysisId = (String) accepted.getBody().get("id");

            Map<String, Object> failed = awaitEnded(repositoryId, analysisId);
            assertThat(failed).containsEntry("status", "failed").containsEntry("commit", missing)
                    .containsEntry("framework", null);
            assertThat((String) failed.get("failureReason")).isNotBlank();
            AnalysisCompleted event = completedEvent(analysisId);
            assertThat(event.outcome()).isEqualTo("failed");
            assertThat(event.failureReason()).isEqualTo(failed.get("failureReason"));
            ResponseEntity<Map<String, Object>> none = get("/api/v1/repositories/" + repositoryId + "/analysis",
                    developer);
            assertThat(none.getStatusCode().value()).isEqualTo(404);
            assertThat(none.getBody()).containsEntry("type", PROBLEMS + "analysis-not-found");
            assertThat(clonesDirectory()).isEmptyDirectory();
        }
    }

    @Test
    void aRemoteThatDisappearedFailsTheAnalysisAndAnUnknownBranchIsRefusedUpFront() {
        Member developer = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            String commit = remote.commit("first", TestRepositories.expressApp());
            String repositoryId = (String) register(remote.fileUrl(), developer).get("id");

            ResponseEntity<Map<String, Object>> unknown = post(analyze(repositoryId), Map.of("branch", "nope"), developer);
            assertThat(unknown.getStatusCode().value()).isEqualTo(422);
            assertThat(unknown.getBody()).containsEntry("type", PROBLEMS + "branch-not-found");
            assertThat(rows("repository_analyses", "repository_id", UUID.fromString(repositoryId))).isZero();
            ResponseEntity<Map<String, Object>> invalid = post(analyze(repositoryId), Map.of("commit", "HEAD~1"),
                    developer);
            assertThat(invalid.getStatusCode().value()).isEqualTo(400);

            org.springframework.util.FileSystemUtils.deleteRecursively(remote.bare().toFile());
            ResponseEntity<Map<String, Object>> gone = post(analyze(repositoryId), Map.of(), developer);
            assertThat(gone.getStatusCode().value()).isEqualTo(502);
            assertThat(gone.getBody()).containsEntry("type", PROBLEMS + "repository-unreachable");
            String analysisId = (String) post(analyze(repositoryId), Map.of("commit", commit), developer).getBody()
                    .get("id");
            assertThat(awaitEnded(repositoryId, analysisId)).containsEntry("status", "failed");
        }
    }

    @Test
    void viewersReadAnalysesButOnlyDevelopersAskAndOutsidersSeeNothing() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Member outsider = member(Role.OWNER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            remote.commit("first", TestRepositories.expressApp());
            String repositoryId = (String) register(remote.fileUrl(), developer).get("id");
            assertThat(post(analyze(repositoryId), Map.of(), viewer).getStatusCode().value()).isEqualTo(403);
            String analysisId = (String) post(analyze(repositoryId), Map.of(), developer).getBody().get("id");
            awaitEnded(repositoryId, analysisId);

            assertThat(get("/api/v1/repositories/" + repositoryId + "/analysis", viewer).getStatusCode().value())
                    .isEqualTo(200);
            for (String path : List.of("/analysis", "/analyses", "/analyses/" + analysisId)) {
                ResponseEntity<Map<String, Object>> hidden = get("/api/v1/repositories/" + repositoryId + path, outsider);
                assertThat(hidden.getStatusCode().value()).as(path).isEqualTo(404);
                assertThat(hidden.getBody()).containsEntry("type", PROBLEMS + "repository-not-found");
            }
            assertThat(post(analyze(repositoryId), Map.of(), outsider).getStatusCode().value()).isEqualTo(404);
            assertThat(get("/api/v1/repositories/" + repositoryId + "/analyses/" + UUID.randomUUID(), viewer)
                    .getStatusCode().value()).isEqualTo(404);
        }
    }

    private static String analyze(String repositoryId) {
        return "/api/v1/repositories/" + repositoryId + "/analyze";
    }

    /** Polls the analysis until it is completed or failed. */
    private Map<String, Object> awaitEnded(String repositoryId, String analysisId) {
        Member reader = member(UUID.fromString((String) jdbc.sql("SELECT organization_id::text FROM repositories WHERE id = ?")
                .param(UUID.fromString(repositoryId)).query(String.class).single()), Role.VIEWER);
        String path = "/api/v1/repositories/" + repositoryId + "/analyses/" + analysisId;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("completed", "failed").contains(get(path, reader).getBody().get("status")));
        return get(path, reader).getBody();
    }

    /** The AnalysisCompleted of the analysis, read from autodeploy.analysis.results. */
    private AnalysisCompleted completedEvent(String analysisId) {
        List<AnalysisCompleted> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (seen.isEmpty() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, CloudEvent<?>> record : results.poll(Duration.ofMillis(500))) {
                if (record.value() != null && record.value().data() instanceof AnalysisCompleted completed
                        && completed.analysisId().toString().equals(analysisId)) {
                    assertThat(record.key()).isEqualTo(completed.repositoryId().toString());
                    seen.add(completed);
                }
            }
        }
        assertThat(seen).as("AnalysisCompleted of %s", analysisId).hasSize(1);
        return seen.getFirst();
    }
}
