package dev.autodeploy.deployer.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.DeployerServiceApplication;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentQueued;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety: a deployment whose worker died resumes from the step after its last completed one (a step the
 * crash interrupted runs again, one that completed never does), is failed with a reason once out of attempts,
 * and — with a real deployer JVM killed with SIGKILL in the middle of a build and started again — ends ready,
 * the interrupted build's orphaned process stopped first.
 */
class DeploymentRecoveryTests extends DeployerTest {

    private static final String DEAD_WORKER = "node-dead00000000:gone";

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private Environment environment;

    private final List<Process> deployers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        deployers.forEach(Process::destroyForcibly);
        MessageListenerContainer worker = listeners.getListenerContainer(DeploymentWorker.CONSUMER);
        if (worker != null && worker.isPauseRequested()) {
            worker.resume();
        }
    }

    @Test
    void aDeploymentLeftBetweenStepsResumesAfterItsLastCompletedStep() {
        Member developer = member(Role.DEVELOPER);
        Stranded stranded = strand(developer, "analyze_repository", "completed");

        Map<String, Object> ready = awaitStatus(developer, stranded.id(), "ready");

        assertThat(step(ready, "analyze_repository")).containsEntry("attempts", 1)
                .containsEntry("startedAt", stranded.analyzeStartedAt().toString());
        assertThat(step(ready, "build_application")).containsEntry("attempts", 1);
        assertThat(ready).containsEntry("attempts", 2);
        assertThat(app((String) ready.get("url")).body()).contains("Stranded");
    }

    @Test
    void aStepACrashInterruptedRunsAgainFromTheStart() {
        Member developer = member(Role.DEVELOPER);
        Stranded stranded = strand(developer, "build_application", "running");

        Map<String, Object> ready = awaitStatus(developer, stranded.id(), "ready");

        assertThat(step(ready, "analyze_repository")).containsEntry("attempts", 1);
        assertThat(step(ready, "build_application")).containsEntry("attempts", 2).containsEntry("error", null);
        assertThat(ready).containsEntry("attempts", 2);
    }

    @Test
    void aDeploymentOutOfAttemptsEndsInErrorWithAReasonAndItsJobIsDeadLettered() {
        Member developer = member(Role.DEVELOPER);
        Stranded stranded = strand(developer, "build_application", "running", 3);

        Map<String, Object> failed = awaitStatus(developer, stranded.id(), "error");

        assertThat(failed).containsEntry("statusReason",
                "Gave up after 3 attempts (the deployer stopped while running it).");
        assertThat(step(failed, "build_application")).containsEntry("status", "failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(Topics.deadLetterOf(Topics.DEPLOYMENT_JOBS),
                event -> event.data() instanceof DeploymentQueued job && job.deploymentId().equals(stranded.id()))
                .isEmpty());
    }

    @Test
    void aDeployerKilledInTheMiddleOfABuildFinishesTheDeploymentWhenItIsBackAndNothingRunsTwice() throws Exception {
        Member admin = member(Role.ADMIN);
        Path markers = Files.createTempDirectory("markers-");
        TestGitRemote repository = repository();
        Map<String, String> files = new HashMap<>(TestApps.nodeServer("v1"));
        files.putAll(TestApps.buildHangingOnce());
        String commit = repository.commit("build hangs the first time", files);
        Map<String, Object> project = project(admin, repository, commit, TestApps.NODE_BUILD);
        post("/api/v1/projects/" + project.get("id") + "/env", Map.of("key", "MARKERS", "value", markers.toString()),
                admin);
        pauseOwnWorker();
        Path work = temporaryDirectory("crashing-deployer-");

        Process first = startDeployer(work, "first");
        Object id = deploy(admin, project.get("id"), Map.of()).get("id");
        Path firstBuild = markers.resolve("build-1");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(firstBuild));
        long orphan = Long.parseLong(Files.readString(firstBuild).strip());
        first.destroyForcibly().waitFor();

        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
        Map<String, Object> stuck = get("/api/v1/deployments/" + id, admin).getBody();
        assertThat(stuck).containsEntry("status", "building");
        assertThat(step(stuck, "build_application")).containsEntry("status", "running");

        Process second = startDeployer(work, "second");
        Map<String, Object> ready = awaitStatus(admin, id, "ready");

        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (Stream<Path> made = Files.list(markers)) {
            assertThat(made.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("build-1",
                    "build-2");
        }
        assertThat(step(ready, "analyze_repository")).containsEntry("attempts", 1);
        assertThat(step(ready, "build_application")).containsEntry("attempts", 2);
        assertThat(ready).containsEntry("attempts", 2);
        assertThat(app((String) ready.get("url")).body()).startsWith("v-after-crash ");
        second.destroy();
        second.waitFor();
    }

    /** A deployment as a worker that died would leave it: in flight, its claim run out. */
    private record Stranded(UUID id, Instant analyzeStartedAt) {
    }

    private Stranded strand(Member developer, String step, String stepStatus) {
        return strand(developer, step, stepStatus, 1);
    }

    private Stranded strand(Member developer, String step, String stepStatus, int attempts) {
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Stranded"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));
        pauseOwnWorker();
        Map<String, Object> queued = deploy(developer, project.get("id"), Map.of());
        UUID id = UUID.fromString((String) queued.get("id"));
        Instant started = Instant.now().minusSeconds(60);
        jdbc.sql("""
                UPDATE deployments SET status = 'building', started_at = ?, claimed_by = ?, claimed_until = ?,
                    attempts = ?, commit_sha = ? WHERE id = ?""")
                .params(Timestamp.from(started), DEAD_WORKER, Timestamp.from(Instant.now().minusSeconds(5)), attempts,
                        commit, id)
                .update();
        jdbc.sql("""
                UPDATE deployment_steps SET status = 'completed', started_at = ?, finished_at = ?, attempts = 1,
                    output = ?::jsonb WHERE deployment_id = ? AND name = 'analyze_repository'""")
                .params(Timestamp.from(started), Timestamp.from(started.plusSeconds(1)),
                        "{\"commitSha\":\"" + commit + "\"}", id)
                .update();
        if (!step.equals("analyze_repository")) {
            jdbc.sql("UPDATE deployment_steps SET status = 'skipped' WHERE deployment_id = ? AND name = ?")
                    .params(id, "provision_database").update();
            jdbc.sql("""
                    UPDATE deployment_steps SET status = ?, started_at = ?, attempts = 1
                    WHERE deployment_id = ? AND name = ?""")
                    .params(stepStatus, Timestamp.from(started.plusSeconds(2)), id, step).update();
        }
        resumeOwnWorker();
        // As after a crash: nobody tells the worker; the sweeper finds the stranded deployment.
        return new Stranded(id, jdbc.sql("SELECT started_at FROM deployment_steps WHERE deployment_id = ?"
                + " AND name = 'analyze_repository'").param(id).query(Timestamp.class).single().toInstant());
    }

    private void pauseOwnWorker() {
        MessageListenerContainer worker = listeners.getListenerContainer(DeploymentWorker.CONSUMER);
        worker.pause();
        await().atMost(Duration.ofSeconds(30)).until(worker::isContainerPaused);
    }

    private void resumeOwnWorker() {
        listeners.getListenerContainer(DeploymentWorker.CONSUMER).resume();
    }

    /** Another deployer on the same database and broker, in a JVM of its own, with the given work directory. */
    private Process startDeployer(Path work, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.profiles.active", "test");
        properties.put("spring.cloud.config.enabled", "false");
        properties.put("eureka.client.enabled", "false");
        properties.put("server.port", "0");
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "autodeploy.redis.key-prefix")) {
            properties.put(key, environment.getProperty(key, ""));
        }
        properties.put("spring.kafka.consumer.group-id", environment.getProperty("spring.kafka.consumer.group-id")
                + "-other-deployer");
        properties.put("autodeploy.deployer.work-directory", work.toString());
        properties.put("autodeploy.git.allow-file-urls", "true");
        properties.put("autodeploy.deployer.deployments.lease", "3s");
        properties.put("autodeploy.deployer.deployments.heartbeat", "300ms");
        properties.put("autodeploy.deployer.deployments.sweep-interval", "500ms");
        properties.put("autodeploy.deployer.deployments.wake-grace", "2s");
        properties.put("autodeploy.deployer.local.watch-period", "1s");
        properties.put("autodeploy.deployer.local.health-check-interval", "100ms");
        properties.put("autodeploy.deployer.local.stop-grace", "2s");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(DeployerServiceApplication.class.getName());
        Path log = work.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        deployers.add(process);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The other deployer exited: " + tail(log));
            }
            return Files.readString(log).contains("Started DeployerServiceApplication");
        });
        return process;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
