package dev.autodeploy.deployer.target.jenkins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.LogSink;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a generated Jenkins pipeline reports while it runs (seed 003's status, stage and log callbacks), on
 * {@code POST /api/v1/webhooks/jenkins/{deploymentId}/status|stage|log} with the deployment's callback token in
 * {@code X-AutoDeploy-Token}. Stages and log lines go into the deployment's log; a status is recorded on the
 * deployment's run. The deployment's outcome stays the Jenkins target's to decide from the build's result, which
 * it reads itself: a pipeline's report cannot end a deployment early or make a failed build look successful.
 */
@RestController
@ConditionalOnProperty(prefix = "autodeploy.deployer.jenkins", name = "enabled", matchIfMissing = true)
class JenkinsWebhookController {

    static final String TOKEN_HEADER = "X-AutoDeploy-Token";
    private static final int MAX_BODY = 256 * 1024;

    private final DeploymentLookup deployments;
    private final CicdRuns runs;
    private final JsonMapper json;
    private final Validator validator;

    JenkinsWebhookController(DeploymentLookup deployments, CicdRuns runs, JsonMapper json, Validator validator) {
        this.deployments = deployments;
        this.runs = runs;
        this.json = json;
        this.validator = validator;
    }

    /** A stage starting or ending. */
    record StageReport(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._-]+") String stage,
            @NotBlank @Pattern(regexp = "running|success|failed|skipped") String status) {
    }

    /** Lines of output. */
    record LogReport(@NotEmpty @Size(max = 500) List<@Size(max = 8192) String> lines,
            @Pattern(regexp = "debug|info|warn|error") String level) {
    }

    /** The pipeline's own view of its outcome. */
    record StatusReport(@NotBlank @Pattern(regexp = "running|success|failed|canceled|aborted") String status,
            @Size(max = 200) String reason) {
    }

    @PostMapping("/api/v1/webhooks/jenkins/{deploymentId}/stage")
    ResponseEntity<Void> stage(@PathVariable UUID deploymentId,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @RequestBody(required = false) String body) {
        authorize(deploymentId, token);
        StageReport report = parse(body, StageReport.class);
        String level = "failed".equals(report.status()) ? "error" : "info";
        deployments.logs(deploymentId).line(level, "build", "Stage " + report.stage() + ": " + report.status());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/v1/webhooks/jenkins/{deploymentId}/log")
    ResponseEntity<Void> log(@PathVariable UUID deploymentId,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @RequestBody(required = false) String body) {
        authorize(deploymentId, token);
        LogReport report = parse(body, LogReport.class);
        LogSink logs = deployments.logs(deploymentId);
        String level = report.level() == null ? "info" : report.level();
        for (String line : report.lines()) {
            for (String part : (line == null ? "" : line).split("\r?\n", -1)) {
                logs.line(level, "build", part);
            }
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/v1/webhooks/jenkins/{deploymentId}/status")
    ResponseEntity<Void> status(@PathVariable UUID deploymentId,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @RequestBody(required = false) String body) {
        authorize(deploymentId, token);
        StatusReport report = parse(body, StatusReport.class);
        if (runs.find(deploymentId).isPresent()) {
            runs.reported(deploymentId, "reported-" + report.status());
        }
        deployments.logs(deploymentId).line("failed".equals(report.status()) ? "error" : "info", "build",
                "The pipeline reports " + report.status().toLowerCase(Locale.ROOT)
                        + (report.reason() == null ? "" : " (" + report.reason() + ")"));
        return ResponseEntity.accepted().build();
    }

    /** 404 for a deployment that does not exist, 401 unless the token is its callback token. */
    private void authorize(UUID deploymentId, String token) {
        Optional<DeploymentContext> deployment = deployments.context(deploymentId);
        if (deployment.isEmpty()) {
            throw new JenkinsProblems.DeploymentNotFound();
        }
        String expected = deployment.get().callbackToken();
        if (expected == null || token == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new JenkinsProblems.CallbackUnauthorized();
        }
    }

    private <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new JenkinsProblems.MalformedReport("The report has no body.");
        }
        if (body.length() > MAX_BODY) {
            throw new JenkinsProblems.MalformedReport("The report is larger than " + MAX_BODY / 1024 + " KiB.");
        }
        T report;
        try {
            report = json.readValue(body, type);
        }
        catch (JacksonException ex) {
            throw new JenkinsProblems.MalformedReport("The report is not the JSON object expected here.");
        }
        if (report == null) {
            throw new JenkinsProblems.MalformedReport("The report is not the JSON object expected here.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(report);
        if (!violations.isEmpty()) {
            throw new JenkinsProblems.MalformedReport(violations.stream()
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage()).sorted()
                    .collect(Collectors.joining("; ")) + ".");
        }
        return report;
    }
}
