package dev.autodeploy.deployer.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.target.DeploymentLookup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab's webhook ({@code POST /api/v1/webhooks/gitlab}, public: GitLab proves itself with the secret token it
 * sends as {@code X-Gitlab-Token}, compared in constant time). Each delivery counts once, by its
 * {@code Idempotency-Key} (the same across GitLab's retries) and its {@code X-Gitlab-Event-UUID}. A
 * {@code Pipeline Hook} about a pipeline a deployment runs updates that run's status and says so in the deployment's
 * log; a {@code Job Hook} of such a pipeline logs the job's status; other events are accepted and ignored.
 */
@RestController
@EnableConfigurationProperties(GitLabWebhookProperties.class)
class GitLabWebhookController {

    static final String PROVIDER = "gitlab-ci";
    private static final Pattern DELIVERY_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final GitLabWebhookProperties properties;
    private final WebhookDeliveries deliveries;
    private final CicdRuns runs;
    private final ObjectProvider<DeploymentLookup> deployments;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    GitLabWebhookController(GitLabWebhookProperties properties, WebhookDeliveries deliveries, CicdRuns runs,
            ObjectProvider<DeploymentLookup> deployments, JsonMapper json, TransactionTemplate transactions) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.runs = runs;
        this.deployments = deployments;
        this.json = json;
        this.transactions = transactions;
    }

    @PostMapping("/api/v1/webhooks/gitlab")
    ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = "X-Gitlab-Token", required = false) String token,
            @RequestHeader(name = "X-Gitlab-Event", required = false) String event,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader(name = "X-Gitlab-Event-UUID", required = false) String eventUuid,
            @RequestBody(required = false) byte[] body) {
        if (!properties.configured()) {
            throw new GitLabWebhookProblems.NotConfigured();
        }
        if (token == null || !sameSecret(token, properties.secret())) {
            throw new GitLabWebhookProblems.InvalidToken();
        }
        if (!"Pipeline Hook".equals(event) && !"Job Hook".equals(event)) {
            return answer(HttpStatus.ACCEPTED, "ignored", "AutoDeploy acts on Pipeline Hook and Job Hook events only");
        }
        List<String> deliveryIds = deliveryIds(idempotencyKey, eventUuid);
        JsonNode payload = parse(body);
        // the delivery counts as received only with its effect: one that fails lets GitLab's retry through
        return transactions.execute(tx -> {
            boolean first = true;
            for (String deliveryId : deliveryIds) {
                // every id is recorded, so a later delivery sharing either one is recognised
                first &= deliveries.firstDelivery(PROVIDER, deliveryId);
            }
            if (!first) {
                return answer(HttpStatus.OK, "duplicate", "This delivery was received before");
            }
            return "Pipeline Hook".equals(event) ? pipeline(payload) : job(payload);
        });
    }

    /**
     * What identifies the delivery: GitLab keeps {@code Idempotency-Key} across its retries and resends of one
     * webhook's request, and {@code X-Gitlab-Event-UUID} across the webhooks (project and group) one event fires.
     */
    private static List<String> deliveryIds(String idempotencyKey, String eventUuid) {
        List<String> ids = new ArrayList<>(2);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            ids.add("idempotency-key:" + checkedId(idempotencyKey));
        }
        if (eventUuid != null && !eventUuid.isBlank()) {
            ids.add("event-uuid:" + checkedId(eventUuid));
        }
        if (ids.isEmpty()) {
            throw new GitLabWebhookProblems.NoDeliveryId();
        }
        return ids;
    }

    private static String checkedId(String id) {
        String stripped = id.strip();
        if (!DELIVERY_ID.matcher(stripped).matches()) {
            throw new GitLabWebhookProblems.InvalidPayload("Idempotency-Key and X-Gitlab-Event-UUID are short"
                    + " printable ids (GitLab sends UUIDs).");
        }
        return stripped;
    }

    private ResponseEntity<Map<String, Object>> pipeline(JsonNode payload) {
        JsonNode attributes = payload.path("object_attributes");
        long pipelineId = attributes.path("id").asLong(0);
        String status = attributes.path("status").asString(null);
        if (pipelineId <= 0 || status == null) {
            throw new GitLabWebhookProblems.InvalidPayload("A Pipeline Hook has object_attributes.id and .status.");
        }
        Optional<CicdRun> run = run(pipelineId, payload);
        if (run.isEmpty()) {
            return answer(HttpStatus.ACCEPTED, "ignored", "No deployment runs this pipeline");
        }
        runs.reported(run.get().deploymentId(), status);
        log(run.get(), "GitLab reports pipeline #" + pipelineId + " " + status);
        return processed(run.get());
    }

    private ResponseEntity<Map<String, Object>> job(JsonNode payload) {
        long pipelineId = payload.path("pipeline_id").asLong(0);
        String name = payload.path("build_name").asString(null);
        String status = payload.path("build_status").asString(null);
        if (pipelineId <= 0 || name == null || status == null) {
            throw new GitLabWebhookProblems.InvalidPayload("A Job Hook has pipeline_id, build_name and build_status.");
        }
        Optional<CicdRun> run = run(pipelineId, payload);
        if (run.isEmpty()) {
            return answer(HttpStatus.ACCEPTED, "ignored", "No deployment runs this job's pipeline");
        }
        String stage = payload.path("build_stage").asString(null);
        log(run.get(), "GitLab reports job '" + name + "'" + (stage == null ? "" : " (stage " + stage + ")") + " "
                + status);
        return processed(run.get());
    }

    /**
     * The deployment running the pipeline. Pipeline ids are unique per GitLab instance only, so when the payload
     * names its project's web URL, the recorded pipeline URL must lie under it.
     */
    private Optional<CicdRun> run(long pipelineId, JsonNode payload) {
        String projectUrl = payload.path("project").path("web_url").asString(null);
        return runs.findByExternal(PROVIDER, String.valueOf(pipelineId)).filter(run -> projectUrl == null
                || run.externalUrl() == null || run.externalUrl().startsWith(projectUrl + "/"));
    }

    private void log(CicdRun run, String message) {
        DeploymentLookup lookup = deployments.getIfAvailable();
        if (lookup != null) {
            try {
                lookup.logs(run.deploymentId()).info(message);
            }
            catch (IllegalArgumentException ex) {
                // the deployment is gone; its run's status is still recorded
            }
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new GitLabWebhookProblems.InvalidPayload("The delivery has no JSON body.");
        }
        try {
            JsonNode payload = json.readTree(body);
            if (payload == null || !payload.isObject()) {
                throw new GitLabWebhookProblems.InvalidPayload("The delivery's body is not a JSON object.");
            }
            return payload;
        }
        catch (JacksonException ex) {
            throw new GitLabWebhookProblems.InvalidPayload("The delivery's body is not JSON.");
        }
    }

    private static ResponseEntity<Map<String, Object>> processed(CicdRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "processed");
        body.put("deploymentId", run.deploymentId());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String outcome, String reason) {
        return ResponseEntity.status(status).body(Map.of("status", outcome, "reason", reason));
    }

    /** Compares digests, so neither the content nor the length of the secret shows in the time taken. */
    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }
}
