package dev.autodeploy.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code /api/v1/metrics/*} over deployment histories published on real Kafka as the deployer publishes them, each
 * with explicit times; every expected figure is worked out by hand in the comments. Times are offsets from
 * {@code T}; "d1 +1h" is a deployment created (queued) at T+1h, building a minute later.
 */
class MetricsApiTests extends MonitorTest {

    private static final Instant T = Instant.parse("2026-11-02T00:00:00Z");
    private static final String WEEK = "from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z";

    @Autowired
    private DoraGauges gauges;

    /** One environment of one project; {@code target} is the provider its deployments run on. */
    private record Environment(Member member, UUID projectId, UUID environmentId, String name, String target) {
    }

    @Test
    void doraFiguresOfAScriptedWeekMatchTheHandComputedOnes() {
        Member member = member(Role.VIEWER);
        Environment production = new Environment(member, UUID.randomUUID(), UUID.randomUUID(), "production", "local");
        week(production);

        Map<String, Object> dora = get("/api/v1/metrics/dora?projectId=" + production.projectId()
                + "&environment=production&" + WEEK, member).getBody();

        assertThat(dora.get("days")).isEqualTo(7.0);
        // went ready in [T, T+7d): d1, d3, d4, d5 (a rollback is a deployment too), d7 -> 5; 5 / 7 days
        assertThat(map(dora.get("deploymentFrequency"))).containsEntry("deployments", 5)
                .containsEntry("perDay", 5.0 / 7);
        // commit -> ready of the ready non-rollbacks: d1 2h = 7200, d3 (retry of d2's commit at +20h, ready +26h)
        // 6h = 21600, d4 2h = 7200, d7 5h = 18000 -> sorted 7200, 7200, 18000, 21600;
        // median at rank 1.5 = 7200 + 0.5 * 10800 = 12600; p90 at rank 2.7 = 18000 + 0.7 * 3600 = 20520
        Map<String, Object> leadTime = map(dora.get("leadTimeForChanges"));
        assertThat(leadTime).containsEntry("changes", 4);
        assertThat((Double) leadTime.get("medianSeconds")).isCloseTo(12600, within(1e-6));
        assertThat((Double) leadTime.get("p90Seconds")).isCloseTo(20520, within(1e-6));
        // finished ready or error in the window: d1, d2, d3, d4, d5, d7 = 6 (d6 cancelled, d0 before, d8 after);
        // failed: d2 (error) and d4 (the next deployment, d5, rolls back) -> 2 / 6
        assertThat(map(dora.get("changeFailureRate"))).containsEntry("failedChanges", 2)
                .containsEntry("deployments", 6).containsEntry("rate", 2.0 / 6);
        // incidents: d2 errors at +24h10m, restored by d3 ready at +26h -> 1h50m = 6600; d4 ready at +49h (rolled
        // back), restored by d5 ready at +51h30m -> 2h30m = 9000; median of 6600, 9000 = 7800
        assertThat(map(dora.get("timeToRestore"))).containsEntry("restored", 2).containsEntry("unrestored", 0)
                .containsEntry("medianSeconds", 7800.0);
    }

    @Test
    void durationPercentilesPerStepAndTotal() {
        Member member = member(Role.DEVELOPER);
        Environment production = new Environment(member, UUID.randomUUID(), UUID.randomUUID(), "production", "local");
        week(production);

        Map<String, Object> durations = get("/api/v1/metrics/durations?projectId=" + production.projectId() + "&"
                + WEEK, member).getBody();

        List<Map<String, Object>> steps = list(durations.get("steps"));
        assertThat(steps).extracting(step -> step.get("step")).containsExactly("build_application", "deploy");
        // build_application completed in the window: d4 180, d1 240, d3 300, d7 600 (d2's failed, d0's before);
        // p50 at rank 1.5 = 240 + 0.5 * 60 = 270; p90 at 2.7 = 300 + 0.7 * 300 = 510; p99 at 2.97 = 300 + 0.97 * 300
        assertDurations(steps.get(0), 4, 270, 510, 591);
        // deploy: d1's only, 60
        assertDurations(steps.get(1), 1, 60, 60, 60);
        // building -> ready of the ready ones: d1 59m = 3540, d3 3540, d4 3540, d5 29m = 1740, d7 3h59m = 14340;
        // sorted 1740, 3540, 3540, 3540, 14340: p50 = 3540; p90 at rank 3.6 = 3540 + 0.6 * 10800 = 10020;
        // p99 at 3.96 = 3540 + 0.96 * 10800 = 13908
        assertDurations(map(durations.get("total")), 5, 3540, 10020, 13908);
    }

    @Test
    void costIsTheCatalogPriceProratedOverEachLivePeriodPlusCiMinutes() {
        Member member = member(Role.VIEWER);
        UUID projectId = UUID.randomUUID();
        Instant f = Instant.parse("2026-10-01T00:00:00Z");
        // render on plan starter (test config): $7 per instance a month of 730 hours
        Environment production = new Environment(member, projectId, UUID.randomUUID(), "production", "render");
        finish(start(production, "deploy", f.minus(Duration.ofDays(1)), f.minus(Duration.ofDays(1))), "ready",
                f.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(10)));
        finish(start(production, "deploy", f, f.plus(hours(72))), "ready", f.plus(hours(73)));
        finish(start(production, "deploy", f, f.plus(hours(100))), "error", f.plus(hours(100)).plusSeconds(300));
        finish(start(production, "deploy", f, f.plus(hours(218))), "ready", f.plus(hours(219)));
        // github-actions on its first priced plan (free: $0 a seat, $0.006 a started minute of build); a build runs
        // from building (a minute after queued) to its end: 10m30s and 4m
        Environment staging = new Environment(member, projectId, UUID.randomUUID(), "staging", "github-actions");
        finish(start(staging, "deploy", f, f.plus(hours(1))), "ready", f.plus(hours(1)).plusSeconds(60 + 630));
        finish(start(staging, "deploy", f, f.plus(hours(2))), "error", f.plus(hours(2)).plusSeconds(60 + 240));
        // gitlab-ci on plan ultimate (test config), which has no published price
        Environment preview = new Environment(member, projectId, UUID.randomUUID(), "preview", "gitlab-ci");
        finish(start(preview, "deploy", f, f.plus(hours(3))), "ready", f.plus(hours(3)).plusSeconds(300));
        String window = "&from=2026-10-01T00:00:00Z&to=" + f.plus(hours(292));

        Map<String, Object> cost = get("/api/v1/metrics/cost?projectId=" + projectId + "&environment=production"
                + window, member).getBody();
        // live periods clipped to [F, F+292h): first deployment F..F+73h, second F+73h..F+219h (the error in
        // between supersedes nothing), third F+219h..F+292h: 73 + 146 + 73 hours at 7 / 730 an hour
        // = 0.70 + 1.40 + 0.70 = 2.80
        assertThat(((Number) cost.get("cost")).doubleValue()).isEqualTo(2.8);
        assertThat(cost).containsEntry("currency", "USD").containsEntry("hoursPerMonth", 730);
        Map<String, Object> productionCost = list(cost.get("environments")).getFirst();
        List<Map<String, Object>> periods = list(productionCost.get("periods"));
        assertThat(periods).extracting(period -> period.get("hours")).containsExactly(73.0, 146.0, 73.0);
        assertThat(periods).extracting(period -> ((Number) period.get("cost")).doubleValue())
                .containsExactly(0.7, 1.4, 0.7);
        assertThat(periods).extracting(period -> period.get("plan")).containsOnly("starter");
        assertThat(list(productionCost.get("builds"))).isEmpty();

        cost = get("/api/v1/metrics/cost?projectId=" + projectId + "&environment=staging" + window, member).getBody();
        // seat-priced: the live period adds 0; builds of 10m30s -> 11 minutes = 0.066 and 4m -> 4 minutes = 0.024
        assertThat(((Number) cost.get("cost")).doubleValue()).isEqualTo(0.09);
        Map<String, Object> stagingCost = list(cost.get("environments")).getFirst();
        assertThat(list(stagingCost.get("builds"))).extracting(build -> ((Number) build.get("cost")).doubleValue())
                .containsExactlyInAnyOrder(0.066, 0.024);
        assertThat(list(stagingCost.get("periods"))).extracting(period -> ((Number) period.get("cost")).doubleValue())
                .containsExactly(0.0);

        cost = get("/api/v1/metrics/cost?projectId=" + projectId + "&environment=preview" + window, member).getBody();
        assertThat(cost.get("cost")).as("no published price: unknown, not guessed").isNull();
        assertThat(list(list(cost.get("environments")).getFirst().get("periods")).getFirst())
                .containsEntry("plan", "ultimate").containsEntry("cost", null);

        cost = get("/api/v1/metrics/cost?projectId=" + projectId + window, member).getBody();
        assertThat(cost.get("cost")).as("one environment's cost is unknown").isNull();
        assertThat(list(cost.get("environments"))).extracting(environment -> environment.get("environment"))
                .containsExactly("preview", "production", "staging");

        // the same history without environment: DORA per environment, pooled. Ready in [F, F+292h): production's
        // second and third (F+73h, F+219h), staging's (F+1h11m30s), preview's (F+3h5m) -> 4 over 292 / 24 days;
        // commits all at F -> lead times 4290, 11100, 262800, 788400 s, median (11100 + 262800) / 2 = 136950;
        // errors: production's at F+100h5m (restored by the ready at F+219h: 428100 s) and staging's at F+2h5m
        // (nothing after it: unrestored) -> 2 failed of 6 finished
        Map<String, Object> dora = get("/api/v1/metrics/dora?projectId=" + projectId + window, member).getBody();
        assertThat(dora.get("environment")).isNull();
        assertThat(map(dora.get("deploymentFrequency"))).containsEntry("deployments", 4)
                .containsEntry("perDay", 4 / (292 / 24.0));
        assertThat(map(dora.get("leadTimeForChanges"))).containsEntry("changes", 4)
                .containsEntry("medianSeconds", 136950.0);
        assertThat(map(dora.get("changeFailureRate"))).containsEntry("failedChanges", 2)
                .containsEntry("deployments", 6);
        assertThat(map(dora.get("timeToRestore"))).containsEntry("restored", 1).containsEntry("unrestored", 1)
                .containsEntry("medianSeconds", 428100.0);
    }

    @Test
    void strangersAndUnknownProjectsAreNotFoundAndABadWindowIsABadRequest() {
        Member member = member(Role.VIEWER);
        Environment production = new Environment(member, UUID.randomUUID(), UUID.randomUUID(), "production", "local");
        Deployment known = finish(start(production, "deploy", T, T), "ready", T.plusSeconds(120));
        assertThat(known.id).isNotNull();

        for (String metric : List.of("dora", "durations", "cost")) {
            String path = "/api/v1/metrics/" + metric + "?projectId=";
            assertThat(get(path + production.projectId(), null).getStatusCode().value()).isEqualTo(401);
            assertProblem(get(path + production.projectId(), stranger()), 404, "project-not-found");
            assertProblem(get(path + production.projectId() + "&window=5d", stranger()), 404, "project-not-found");
            assertProblem(get(path + UUID.randomUUID(), member), 404, "project-not-found");
            assertProblem(get(path + production.projectId() + "&window=5d", member), 400, "invalid-window");
            assertProblem(get(path + production.projectId() + "&from=2026-11-09T00:00:00Z&to=2026-11-02T00:00:00Z",
                    member), 400, "invalid-window");
            assertProblem(get(path + production.projectId() + "&window=7d&from=2026-11-02T00:00:00Z", member), 400,
                    "invalid-window");
            assertProblem(get(path + production.projectId() + "&from=yesterday", member), 400, "invalid-window");
            assertThat(get(path + production.projectId() + "&window=90d", member).getStatusCode().value())
                    .isEqualTo(200);
        }
    }

    @Test
    void prometheusShowsTheDoraGaugesAndTheDurationTimer() {
        Member member = member(Role.VIEWER);
        Environment production = new Environment(member, UUID.randomUUID(), UUID.randomUUID(), "production", "local");
        Instant now = Instant.now();
        Deployment deployment = start(production, "deploy", now.minus(hours(3)), now.minus(hours(2)));
        deployment.step("build_application", "pending", "running", now.minus(hours(2)).plusSeconds(60))
                .step("build_application", "running", "completed", now.minus(hours(2)).plusSeconds(120));
        finish(deployment, "ready", now.minus(hours(1)));

        gauges.refresh();
        String metrics = TestHttp.client(port).get().uri("/actuator/prometheus").retrieve().body(String.class);

        String tags = "environment=\"production\",project=\"" + production.projectId() + "\"";
        // one ready deployment in the trailing 30 days; commit 3h before it went ready; nothing failed
        assertThat(metrics).containsPattern("autodeploy_dora_deployment_frequency\\{[^}]*" + tags + "[^}]*} 0\\.0333")
                .containsPattern("autodeploy_dora_lead_time_seconds\\{[^}]*" + tags + "[^}]*} 7200\\.0")
                .containsPattern("autodeploy_dora_change_failure_rate\\{[^}]*" + tags + "[^}]*} 0\\.0")
                .doesNotContainPattern("autodeploy_dora_time_to_restore_seconds\\{[^}]*" + tags)
                .containsPattern("autodeploy_deployment_duration_seconds_count\\{[^}]*step=\"build_application\"")
                .containsPattern("autodeploy_deployment_duration_seconds_bucket\\{[^}]*step=\"total\"")
                .containsPattern("autodeploy_deployment_status_changes_total\\{[^}]*status=\"ready\"[^}]*} [1-9]")
                .containsPattern("autodeploy_deployment_status_changes_total\\{[^}]*status=\"building\"[^}]*} [1-9]");
    }

    /**
     * A week of production (T = Monday 2 November, window [T, T+7d)), each deployment queued at the time given,
     * building a minute later:
     * d0 T-2d, ready +10m (before the window); d1 +1h commit T, build 240 s + deploy step 60 s, ready +2h;
     * d2 +24h commit +20h, build fails, error +24h10m; d3 +25h retry of d2, build 300 s, ready +26h;
     * d4 +48h commit +47h, build 180 s, ready +49h; d5 +51h rollback to d3, ready +51h30m; d6 +72h cancelled;
     * d7 +96h commit +95h, build 600 s, ready +100h; d8 T+7d+1h, ready +7d+2h (after the window).
     */
    private void week(Environment environment) {
        Deployment d0 = start(environment, "deploy", T.minus(hours(49)), T.minus(hours(48)));
        completedStep(d0, "build_application", T.minus(hours(48)).plusSeconds(60), 240);
        finish(d0, "ready", T.minus(hours(48)).plusSeconds(600));

        Deployment d1 = start(environment, "deploy", T, T.plus(hours(1)));
        completedStep(d1, "build_application", T.plus(hours(1)).plusSeconds(60), 240);
        completedStep(d1, "deploy", T.plus(hours(1)).plusSeconds(300), 60);
        finish(d1, "ready", T.plus(hours(2)));

        Deployment d2 = start(environment, "deploy", T.plus(hours(20)), T.plus(hours(24)));
        d2.step("build_application", "pending", "running", T.plus(hours(24)).plusSeconds(60))
                .step("build_application", "running", "failed", T.plus(hours(24)).plusSeconds(600));
        finish(d2, "error", T.plus(hours(24)).plusSeconds(600));

        Deployment d3 = start(environment, "retry", T.plus(hours(20)), T.plus(hours(25)), d2.id);
        completedStep(d3, "build_application", T.plus(hours(25)).plusSeconds(60), 300);
        finish(d3, "ready", T.plus(hours(26)));

        Deployment d4 = start(environment, "deploy", T.plus(hours(47)), T.plus(hours(48)));
        completedStep(d4, "build_application", T.plus(hours(48)).plusSeconds(60), 180);
        finish(d4, "ready", T.plus(hours(49)));

        Deployment d5 = start(environment, "rollback", T.plus(hours(20)), T.plus(hours(51)), d3.id);
        finish(d5, "ready", T.plus(hours(51)).plusSeconds(1800));

        Deployment d6 = new Deployment(environment.member().organizationId(), environment.projectId(),
                environment.environmentId(), environment.name());
        d6.commitTime = T.plus(hours(71));
        d6.target = environment.target();
        d6.status("queued", T.plus(hours(72)));
        finish(d6, "cancelled", T.plus(hours(72)).plusSeconds(300));

        Deployment d7 = start(environment, "deploy", T.plus(hours(95)), T.plus(hours(96)));
        completedStep(d7, "build_application", T.plus(hours(96)).plusSeconds(60), 600);
        finish(d7, "ready", T.plus(hours(100)));

        Deployment d8 = start(environment, "deploy", T.plus(hours(168)), T.plus(hours(169)));
        finish(d8, "ready", T.plus(hours(170)));
    }

    /** A deployment queued at {@code queuedAt} and building a minute later (which the deployer calls its start). */
    private Deployment start(Environment environment, String action, Instant commitTime, Instant queuedAt) {
        return start(environment, action, commitTime, queuedAt, null);
    }

    private Deployment start(Environment environment, String action, Instant commitTime, Instant queuedAt,
            UUID parentId) {
        Deployment deployment = new Deployment(environment.member().organizationId(), environment.projectId(),
                environment.environmentId(), environment.name());
        deployment.action = action;
        deployment.parentId = parentId;
        deployment.commitTime = commitTime;
        deployment.target = environment.target();
        return deployment.status("queued", queuedAt).status("building", queuedAt.plusSeconds(60));
    }

    private static void completedStep(Deployment deployment, String step, Instant startedAt, long seconds) {
        deployment.step(step, "pending", "running", startedAt)
                .step(step, "running", "completed", startedAt.plusSeconds(seconds));
    }

    /** Ends the deployment and waits until the monitor has applied it (and so everything before it). */
    private Deployment finish(Deployment deployment, String status, Instant at) {
        deployment.status(status, at);
        awaitKnown(deployment.id, status);
        return deployment;
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    private static void assertDurations(Map<String, Object> duration, int count, double p50, double p90, double p99) {
        assertThat(duration).containsEntry("count", count);
        assertThat((Double) duration.get("p50Seconds")).isCloseTo(p50, within(1e-6));
        assertThat((Double) duration.get("p90Seconds")).isCloseTo(p90, within(1e-6));
        assertThat((Double) duration.get("p99Seconds")).isCloseTo(p99, within(1e-6));
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String type) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/" + type);
    }
}
