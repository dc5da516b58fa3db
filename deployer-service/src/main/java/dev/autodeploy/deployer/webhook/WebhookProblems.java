package dev.autodeploy.deployer.webhook;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How a webhook delivery is refused, as the sender sees it. */
final class WebhookProblems {

    private WebhookProblems() {
    }

    static final class NotConfigured extends ApiException {
        NotConfigured() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "webhook-not-configured",
                    "GitHub webhooks are not configured on this deployer (no webhook secret is set).");
        }
    }

    /** Missing, malformed or wrong: the same answer, so it says nothing about which. */
    static final class BadSignature extends ApiException {
        BadSignature() {
            super(HttpStatus.UNAUTHORIZED, "webhook-signature-invalid",
                    "The delivery's X-Hub-Signature-256 is missing or does not match its body.");
        }
    }

    static final class MissingHeader extends ApiException {
        MissingHeader(String header) {
            super(HttpStatus.BAD_REQUEST, "webhook-header-missing", "The delivery has no valid " + header + " header.");
        }
    }

    static final class MalformedPayload extends ApiException {
        MalformedPayload(String event) {
            super(HttpStatus.BAD_REQUEST, "webhook-payload-malformed",
                    "The " + event + " delivery's body is not the JSON payload GitHub sends for it.");
        }
    }
}
