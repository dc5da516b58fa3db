package dev.autodeploy.deployer.webhook;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/github}: GitHub's webhook deliveries, public (GitHub has no token of ours) and
 * therefore taken only with a valid {@code X-Hub-Signature-256} over the raw body; without a configured secret
 * every delivery is refused. Answers 200 for a ping or a replayed delivery, 202 for one acted on or ignored.
 */
@RestController
class GitHubWebhookController {

    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");

    private final GitHubWebhooks webhooks;
    private final GitHubWebhookProperties properties;

    GitHubWebhookController(GitHubWebhooks webhooks, GitHubWebhookProperties properties) {
        this.webhooks = webhooks;
        this.properties = properties;
    }

    @PostMapping("/api/v1/webhooks/github")
    ResponseEntity<GitHubWebhooks.Outcome> receive(
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
            @RequestHeader(name = "X-GitHub-Event", required = false) String event,
            @RequestBody(required = false) byte[] body) {
        if (!properties.configured()) {
            throw new WebhookProblems.NotConfigured();
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!GitHubSignature.matches(properties.secret(), raw, signature)) {
            throw new WebhookProblems.BadSignature();
        }
        if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
            throw new WebhookProblems.MissingHeader("X-GitHub-Delivery");
        }
        if (event == null || !EVENT.matcher(event).matches()) {
            throw new WebhookProblems.MissingHeader("X-GitHub-Event");
        }
        GitHubWebhooks.Outcome outcome = webhooks.handle(event, delivery, raw);
        HttpStatus status = switch (outcome.result()) {
            case "pong", "duplicate" -> HttpStatus.OK;
            default -> HttpStatus.ACCEPTED;
        };
        return ResponseEntity.status(status).body(outcome);
    }
}
