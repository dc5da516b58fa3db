package dev.autodeploy.deployer.protection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.deployer.deployment.DeploymentTriggers;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployment protection end to end, on real Postgres and Kafka with the local target really deploying
 * {@code file://} repositories: settings read, validated and audited; allowed branches, deploy roles with elevated
 * access grants and freeze windows enforced on deploy, retry and rollback; approvals that queue, reject, expire and
 * never hold up the environment's queue.
 */
class ProtectionFlowTests extends DeployerTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @Autowired
    private DeploymentTriggers triggers;

    private record Fixture(Member admin, TestGitRemote repository, Object projectId) {

        String protection() {
            return "/api/v1/projects/" + projectId + "/environments/production/protection";
        }

        String grants() {
            return "/api/v1/projects/" + projectId + "/environments/production/access-grants";
        }
    }

    private Fixture fixture() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        return new Fixture(admin, repository, project.get("id"));
    }

    private Map<String, Object> protect(Fixture fixture, Map<String, Object> settings) {
        ResponseEntity<Map<String, Object>> saved = put(fixture.protection(), settings, fixture.admin());
        assertThat(saved.getStatusCode().value()).as("%s", saved.getBody()).isEqualTo(200);
        return saved.getBody();
    }

    private ResponseEntity<Map<String, Object>> deploy(Fixture fixture, Member member, Map<String, Object> body) {
        return post("/api/v1/projects/" + fixture.projectId() + "/deployments", body, member);
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String type) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("type", PROBLEMS + type);
    }

    private long deployments(Fixture fixture) {
        return count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", fixture.projectId());
    }

    private List<AuditRecorded> audit(UUID organizationId, String action) {
        return events(Topics.AUDIT_EVENTS, event -> event.data() instanceof AuditRecorded entry
                && organizationId.equals(entry.organizationId()) && entry.action().equals(action)).stream()
                .map(CloudEvent::data).map(AuditRecorded.class::cast).toList();
    }

    @Test
    void protectionIsReadByViewersChangedOnlyByAdminsValidatedAndAudited() {
        Fixture fixture = fixture();
        Member viewer = member(fixture.admin().organizationId(), Role.VIEWER);
        Member developer = member(fixture.admin().organizationId(), Role.DEVELOPER);

        Map<String, Object> defaults = get(fixture.protection(), viewer).getBody();
        assertThat(defaults).containsEntry("environment", "production").containsEntry("deployRole", "developer")
                .containsEntry("requiredApprovals", 0).containsEntry("approverRole", "admin")
                .containsEntry("approvalTimeout", "PT24H").containsEntry("allowRollbackDuringFreeze", true)
                .containsEntry("activeFreeze", null);
        assertThat(list(defaults.get("allowedBranches"))).isEmpty();

        Map<String, Object> wanted = Map.of("allowedBranches", List.of("main", "release/*"), "deployRole", "admin",
                "requiredApprovals", 1, "approvalTimeout", "PT2H", "recurringFreezeWindows", List.of(Map.of(
                        "days", List.of("SAT", "sun"), "from", "00:00", "to", "23:59", "zone", "Europe/Berlin")));
        assertProblem(put(fixture.protection(), wanted, developer), 403, "insufficient-role");
        assertProblem(put(fixture.protection(), wanted, viewer), 403, "insufficient-role");
        assertProblem(put(fixture.protection(), wanted, stranger()), 404, "project-not-found");

        Instant now = Instant.now();
        List<Map<String, Object>> nonsense = List.of(
                Map.of("allowedBranches", List.of("main", "bad branch!")),
                Map.of("deployRole", "superuser"),
                Map.of("approverRole", "viewer"),
                Map.of("approvalTimeout", "24 hours"),
                Map.of("requiredApprovals", 11),
                Map.of("freezeWindows", List.of(Map.of("start", now.toString(), "end", now.minusSeconds(60).toString()))),
                Map.of("freezeWindows", List.of(
                        Map.of("start", now.toString(), "end", now.plusSeconds(3600).toString()),
                        Map.of("start", now.plusSeconds(1800).toString(), "end", now.plusSeconds(7200).toString()))),
                Map.of("recurringFreezeWindows", List.of(Map.of("days", List.of("FUNDAY"), "from", "18:00", "to",
                        "08:00", "zone", "Mars/Olympus"))));
        for (Map<String, Object> settings : nonsense) {
            ResponseEntity<Map<String, Object>> refused = put(fixture.protection(), settings, fixture.admin());
            assertProblem(refused, 422, "invalid-protection");
            assertThat(list(refused.getBody().get("errors"))).as("%s", settings).isNotEmpty();
        }
        assertThat(put(fixture.protection(), Map.of("freezeWindows", List.of(Map.of("start", "yesterday"))),
                fixture.admin()).getStatusCode().value()).isEqualTo(400);
        assertThat(get(fixture.protection(), viewer).getBody()).isEqualTo(defaults);

        Map<String, Object> saved = protect(fixture, wanted);
        assertThat(saved).containsEntry("deployRole", "admin").containsEntry("requiredApprovals", 1)
                .containsEntry("approvalTimeout", "PT2H").containsEntry("updatedBy", fixture.admin().userId().toString());
        assertThat(saved.get("allowedBranches")).isEqualTo(List.of("main", "release/*"));
        assertThat(map(list(saved.get("recurringFreezeWindows")).getFirst()).get("days")).isEqualTo(List.of("SAT", "SUN"));
        assertThat(get(fixture.protection(), viewer).getBody()).isEqualTo(saved);

        await().atMost(Duration.ofSeconds(30)).until(() -> !audit(fixture.admin().organizationId(),
                "environment.protection-changed").isEmpty());
        AuditRecorded entry = audit(fixture.admin().organizationId(), "environment.protection-changed").getFirst();
        assertThat(entry.actorId()).isEqualTo(fixture.admin().userId());
        assertThat(entry.targetType()).isEqualTo("environment");
        assertThat(entry.before()).containsEntry("deployRole", "developer");
        assertThat(entry.after()).containsEntry("deployRole", "admin").containsEntry("requiredApprovals", 1);
    }

    @Test
    void onlyAllowedBranchesAreDeployed() {
        Fixture fixture = fixture();
        protect(fixture, Map.of("allowedBranches", List.of("release/*")));

        assertProblem(deploy(fixture, fixture.admin(), Map.of()), 422, "branch-not-allowed");
        assertProblem(deploy(fixture, fixture.admin(), Map.of("branch", "release/1.0/hotfix")), 422,
                "branch-not-allowed");
        assertThat(deployments(fixture)).isZero();

        try {
            fixture.repository().git().checkout().setCreateBranch(true).setName("release/1.0").call();
        }
        catch (org.eclipse.jgit.api.errors.GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
        String release = fixture.repository().commit("v1.0", TestApps.staticSite("release 1.0"));
        ResponseEntity<Map<String, Object>> queued = deploy(fixture, fixture.admin(), Map.of("branch", "release/1.0"));
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(201);
        Map<String, Object> ready = awaitStatus(fixture.admin(), queued.getBody().get("id"), "ready");
        assertThat(ready).containsEntry("commitSha", release);

        protect(fixture, Map.of("allowedBranches", List.of("main")));
        assertProblem(post("/api/v1/deployments/" + ready.get("id") + "/retry", null, fixture.admin()), 422,
                "branch-not-allowed");
        protect(fixture, Map.of("allowedBranches", List.of("**")));
        assertThat(post("/api/v1/deployments/" + ready.get("id") + "/retry", null, fixture.admin()).getStatusCode()
                .value()).isEqualTo(201);
    }

    @Test
    void aFreezeStopsDeploysAndRetriesButNotRollbacksUnlessTheEnvironmentSaysSo() {
        Fixture fixture = fixture();
        Map<String, Object> first = deployed(fixture.admin(), fixture.projectId());
        Instant end = Instant.now().plus(Duration.ofHours(2));
        Map<String, Object> frozen = protect(fixture, Map.of("freezeWindows", List.of(
                Map.of("start", Instant.now().minusSeconds(60).toString(), "end", end.toString(), "reason",
                        "Black Friday"),
                Map.of("start", end.plus(Duration.ofDays(1)).toString(), "end", end.plus(Duration.ofDays(2)).toString()))));
        assertThat(map(frozen.get("activeFreeze"))).containsEntry("until", end.toString())
                .containsEntry("reason", "Black Friday");

        ResponseEntity<Map<String, Object>> refused = deploy(fixture, fixture.admin(), Map.of());
        assertProblem(refused, 409, "deploy-freeze");
        assertThat((String) refused.getBody().get("detail")).contains(end.toString()).contains("Black Friday");
        assertThat(refused.getBody()).containsEntry("frozenUntil", end.toString());
        assertProblem(post("/api/v1/deployments/" + first.get("id") + "/retry", null, fixture.admin()), 409,
                "deploy-freeze");

        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/deployments/" + first.get("id") + "/rollback",
                null, fixture.admin());
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(201);
        Map<String, Object> rolledBack = awaitStatus(fixture.admin(), rollback.getBody().get("id"), "ready");
        assertThat(map(rolledBack.get("metadata"))).containsKey("duringFreeze");

        Map<String, Object> strict = new HashMap<>(Map.of("freezeWindows", frozen.get("freezeWindows")));
        strict.put("allowRollbackDuringFreeze", false);
        protect(fixture, strict);
        assertProblem(post("/api/v1/deployments/" + first.get("id") + "/rollback", null, fixture.admin()), 409,
                "deploy-freeze");
        assertProblem(post("/api/v1/projects/" + fixture.projectId() + "/deployments/rollback/last-success",
                Map.of("environment", "production"), fixture.admin()), 409, "deploy-freeze");

        protect(fixture, Map.of());
        assertThat(deploy(fixture, fixture.admin(), Map.of()).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aDeveloperBelowTheDeployRoleDeploysOnlyWithAnActiveGrant() {
        Fixture fixture = fixture();
        Member developer = member(fixture.admin().organizationId(), Role.DEVELOPER);
        Member viewer = member(fixture.admin().organizationId(), Role.VIEWER);
        protect(fixture, Map.of("deployRole", "admin"));

        assertProblem(deploy(fixture, developer, Map.of()), 403, "insufficient-role");

        Map<String, Object> grant = Map.of("userId", developer.userId(), "hours", 2, "reason", "release duty");
        assertProblem(post(fixture.grants(), grant, developer), 403, "insufficient-role");
        assertProblem(post(fixture.grants(), Map.of("userId", developer.userId(), "hours", 73, "reason", "x"),
                fixture.admin()), 422, "invalid-access-grant");
        assertProblem(post(fixture.grants(), Map.of("userId", developer.userId(), "hours", 0, "reason", "x"),
                fixture.admin()), 422, "invalid-access-grant");
        assertProblem(post(fixture.grants(), Map.of("userId", UUID.randomUUID(), "hours", 1, "reason", "x"),
                fixture.admin()), 422, "invalid-access-grant");
        assertProblem(post(fixture.grants(), Map.of("userId", developer.userId(), "hours", 1), fixture.admin()), 422,
                "invalid-access-grant");
        assertThat(count("SELECT count(*) FROM environment_access_grants WHERE user_id = ?", developer.userId()))
                .isZero();

        ResponseEntity<Map<String, Object>> created = post(fixture.grants(), grant, fixture.admin());
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        Object grantId = created.getBody().get("id");
        assertThat(created.getBody()).containsEntry("userId", developer.userId().toString())
                .containsEntry("active", true).containsEntry("reason", "release duty");
        assertThat(Duration.between(Instant.parse((String) created.getBody().get("createdAt")),
                Instant.parse((String) created.getBody().get("expiresAt")))).isEqualTo(Duration.ofHours(2));

        ResponseEntity<Map<String, Object>> queued = deploy(fixture, developer, Map.of());
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(201);
        assertThat(map(queued.getBody().get("metadata"))).containsEntry("elevatedAccessGrantId", grantId);
        Map<String, Object> ready = awaitStatus(developer, queued.getBody().get("id"), "ready");
        assertThat(map(ready.get("metadata"))).containsEntry("elevatedAccessGrantId", grantId);

        Member otherDeveloper = member(fixture.admin().organizationId(), Role.DEVELOPER);
        assertProblem(deploy(fixture, otherDeveloper, Map.of()), 403, "insufficient-role");

        assertThat(delete(fixture.grants() + "/" + grantId, fixture.admin())).isEqualTo(204);
        assertThat(delete(fixture.grants() + "/" + grantId, fixture.admin())).isEqualTo(204);
        assertThat(delete(fixture.grants() + "/" + UUID.randomUUID(), fixture.admin())).isEqualTo(404);
        assertProblem(deploy(fixture, developer, Map.of()), 403, "insufficient-role");

        ResponseEntity<List<Map<String, Object>>> listed = http().get().uri(fixture.grants())
                .header("Authorization", "Bearer " + viewer.token()).retrieve()
                .toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        assertThat(listed.getBody()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("id", grantId).containsEntry("active", false)
                .containsEntry("revokedBy", fixture.admin().userId().toString()));

        await().atMost(Duration.ofSeconds(30)).until(() -> !audit(fixture.admin().organizationId(),
                "access-grant.revoked").isEmpty());
        AuditRecorded granted = audit(fixture.admin().organizationId(), "access-grant.created").getFirst();
        assertThat(granted.targetId()).isEqualTo(grantId);
        assertThat(granted.after()).containsEntry("userId", developer.userId().toString());
        assertThat(audit(fixture.admin().organizationId(), "access-grant.revoked")).hasSize(1);
    }

    @Test
    void aDeploymentNeedingTwoApprovalsWaitsUntilTwoOtherAdminsApproveThenRuns() {
        Fixture fixture = fixture();
        Member requester = fixture.admin();
        Member first = member(requester.organizationId(), Role.ADMIN);
        Member second = member(requester.organizationId(), Role.OWNER);
        Member developer = member(requester.organizationId(), Role.DEVELOPER);
        protect(fixture, Map.of("requiredApprovals", 2, "approverRole", "admin"));

        ResponseEntity<Map<String, Object>> created = deploy(fixture, requester, Map.of());
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("status", "awaiting_approval");
        assertThat(map(created.getBody().get("approval"))).containsEntry("required", 2)
                .containsEntry("state", "pending").containsEntry("approvals", 0)
                .containsEntry("requestedBy", requester.userId().toString());
        String id = (String) created.getBody().get("id");
        UUID environmentId = UUID.fromString((String) created.getBody().get("environmentId"));
        String approve = "/api/v1/deployments/" + id + "/approve";

        assertProblem(post(approve, Map.of("comment", "mine"), requester), 409, "self-approval");
        assertProblem(post(approve, Map.of(), developer), 403, "insufficient-role");
        assertProblem(post(approve, Map.of(), stranger()), 404, "deployment-not-found");
        Map<String, Object> one = post(approve, Map.of("comment", "looks good"), first).getBody();
        assertThat(one).containsEntry("state", "pending").containsEntry("approvals", 1);
        assertProblem(post(approve, Map.of(), first), 409, "already-voted");
        assertProblem(post("/api/v1/deployments/" + id + "/reject", Map.of(), first), 409, "already-voted");
        // Waiting, it neither runs nor holds up the environment.
        assertThat(get("/api/v1/deployments/" + id, requester).getBody()).containsEntry("status", "awaiting_approval");
        assertThat(step(get("/api/v1/deployments/" + id, requester).getBody(), "analyze_repository"))
                .containsEntry("status", "pending");
        assertThat(count("SELECT count(*) FROM deployments WHERE environment_id = ? AND status IN ('queued',"
                + " 'building', 'deploying')", environmentId)).isZero();

        Map<String, Object> two = post(approve, Map.of(), second).getBody();
        assertThat(two).containsEntry("state", "approved").containsEntry("approvals", 2);
        Map<String, Object> ready = awaitStatus(requester, id, "ready");
        assertThat(map(ready.get("approval"))).containsEntry("state", "approved");
        assertProblem(post(approve, Map.of(), member(requester.organizationId(), Role.ADMIN)), 409,
                "not-awaiting-approval");

        Map<String, Object> approvals = get("/api/v1/deployments/" + id + "/approvals",
                member(requester.organizationId(), Role.VIEWER)).getBody();
        assertThat(list(approvals.get("votes"))).extracting(vote -> vote.get("userId"), vote -> vote.get("decision"),
                vote -> vote.get("comment")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.userId().toString(), "approved", "looks good"),
                        org.assertj.core.groups.Tuple.tuple(second.userId().toString(), "approved", null));
        assertThat(get("/api/v1/deployments/" + id + "/approvals", stranger()).getStatusCode().value()).isEqualTo(404);

        List<String> statuses = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            statuses.clear();
            events(Topics.DEPLOYMENT_EVENTS, event -> event.data() instanceof DeploymentStatusChanged change
                    && change.deploymentId().toString().equals(id) && change.step() == null).stream()
                    .map(event -> ((DeploymentStatusChanged) event.data()).status()).forEach(statuses::add);
            return statuses.contains("ready");
        });
        assertThat(statuses).startsWith("awaiting_approval", "queued");
        await().atMost(Duration.ofSeconds(30)).until(() -> audit(requester.organizationId(), "deployment.approved")
                .size() == 2);
    }

    @Test
    void oneRejectionCancelsTheDeploymentWithTheRejectersComment() {
        Fixture fixture = fixture();
        Member approver = member(fixture.admin().organizationId(), Role.ADMIN);
        protect(fixture, Map.of("requiredApprovals", 1));
        Map<String, Object> waiting = deploy(fixture, fixture.admin(), Map.of()).getBody();
        assertThat(waiting).containsEntry("status", "awaiting_approval");

        Map<String, Object> rejected = post("/api/v1/deployments/" + waiting.get("id") + "/reject",
                Map.of("comment", "not during the sale"), approver).getBody();
        assertThat(rejected).containsEntry("state", "rejected");
        Map<String, Object> cancelled = get("/api/v1/deployments/" + waiting.get("id"), fixture.admin()).getBody();
        assertThat(cancelled).containsEntry("status", "cancelled").containsEntry("statusReason",
                "Rejected by user " + approver.userId() + ": not during the sale");
        assertThat(list(cancelled.get("steps"))).allSatisfy(step -> assertThat(step).containsEntry("status",
                "cancelled"));
        assertProblem(post("/api/v1/deployments/" + waiting.get("id") + "/approve", Map.of(),
                member(fixture.admin().organizationId(), Role.ADMIN)), 409, "not-awaiting-approval");
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit(fixture.admin().organizationId(),
                "deployment.rejected").isEmpty());
    }

    @Test
    void theDecidingApprovalIsRefusedDuringAFreezeAndTakenAfterIt() {
        Fixture fixture = fixture();
        Member approver = member(fixture.admin().organizationId(), Role.ADMIN);
        protect(fixture, Map.of("requiredApprovals", 1));
        Map<String, Object> waiting = deploy(fixture, fixture.admin(), Map.of()).getBody();
        String approve = "/api/v1/deployments/" + waiting.get("id") + "/approve";
        protect(fixture, Map.of("requiredApprovals", 1, "freezeWindows", List.of(Map.of("start",
                Instant.now().minusSeconds(60).toString(), "end", Instant.now().plusSeconds(3600).toString()))));

        assertProblem(post(approve, Map.of("comment", "now"), approver), 409, "deploy-freeze");
        assertThat(list(get("/api/v1/deployments/" + waiting.get("id") + "/approvals", approver).getBody()
                .get("votes"))).isEmpty();

        protect(fixture, Map.of("requiredApprovals", 1));
        assertThat(post(approve, Map.of("comment", "after the freeze"), approver).getBody())
                .containsEntry("state", "approved");
        awaitStatus(fixture.admin(), waiting.get("id"), "ready");
    }

    @Test
    void aDeploymentNobodyApprovesInTimeIsCancelledAsExpired() {
        Fixture fixture = fixture();
        protect(fixture, Map.of("requiredApprovals", 1, "approvalTimeout", "PT2S"));
        Map<String, Object> waiting = deploy(fixture, fixture.admin(), Map.of()).getBody();
        assertThat(waiting).containsEntry("status", "awaiting_approval");

        Map<String, Object> expired = awaitStatus(fixture.admin(), waiting.get("id"), "cancelled");
        assertThat((String) expired.get("statusReason")).startsWith("Approval expired");
        assertThat(map(expired.get("approval"))).containsEntry("state", "expired");
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit(fixture.admin().organizationId(),
                "deployment.approval-expired").isEmpty());
        AuditRecorded entry = audit(fixture.admin().organizationId(), "deployment.approval-expired").getFirst();
        assertThat(entry.actorType()).isEqualTo("system");
        assertThat(entry.targetId()).isEqualTo(waiting.get("id"));
    }

    @Test
    void aWaitingDeploymentCanBeCancelledAndDoesNotBlockTheQueue() {
        Fixture fixture = fixture();
        protect(fixture, Map.of("requiredApprovals", 1));
        Map<String, Object> waiting = deploy(fixture, fixture.admin(), Map.of()).getBody();
        assertThat(waiting).containsEntry("status", "awaiting_approval");

        // An approver-less path (the queue) still runs: lifting the requirement, the next deployment runs at once.
        protect(fixture, Map.of());
        ResponseEntity<Map<String, Object>> next = deploy(fixture, fixture.admin(), Map.of());
        assertThat(next.getBody()).containsEntry("status", "queued");
        awaitStatus(fixture.admin(), next.getBody().get("id"), "ready");
        assertThat(get("/api/v1/deployments/" + waiting.get("id"), fixture.admin()).getBody())
                .containsEntry("status", "awaiting_approval");
        assertThat(get("/api/v1/deployments?projectId=" + fixture.projectId() + "&status=awaiting_approval",
                fixture.admin()).getBody().get("content")).asList().hasSize(1);

        ResponseEntity<Map<String, Object>> cancel = post("/api/v1/deployments/" + waiting.get("id") + "/cancel", null,
                fixture.admin());
        assertThat(cancel.getStatusCode().value()).isEqualTo(200);
        assertThat(cancel.getBody()).containsEntry("status", "cancelled");
        assertThat(map(get("/api/v1/deployments/" + waiting.get("id"), fixture.admin()).getBody().get("approval")))
                .containsEntry("state", "cancelled");

        // What a closed pull request does to its preview: the waiting one is not busy, and is cancelled with the rest.
        protect(fixture, Map.of("requiredApprovals", 1));
        Map<String, Object> another = deploy(fixture, fixture.admin(), Map.of()).getBody();
        UUID environmentId = UUID.fromString((String) another.get("environmentId"));
        assertThat(triggers.busy(environmentId)).isFalse();
        assertThat(triggers.cancelAll(environmentId, "Pull request #7 was closed.")).isTrue();
        assertThat(get("/api/v1/deployments/" + another.get("id"), fixture.admin()).getBody())
                .containsEntry("status", "cancelled").containsEntry("statusReason", "Pull request #7 was closed.");
    }
}
