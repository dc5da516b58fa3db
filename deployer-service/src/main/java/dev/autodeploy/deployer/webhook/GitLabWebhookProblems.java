package dev.autodeploy.deployer.webhook;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How GitLab webhook deliveries are refused, as GitLab (and whoever looks at its delivery log) sees it. */
final class GitLabWebhookProblems {

    private GitLabWebhookProblems() {
    }

    static final class NotConfigured extends ApiException {
        NotConfigured() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "gitlab-webhook-not-configured",
                    "This AutoDeploy has no GitLab webhook secret (GITLAB_WEBHOOK_SECRET), so it accepts no GitLab"
                            + " webhooks.");
        }
    }

    static final class InvalidToken extends ApiException {
        InvalidToken() {
            super(HttpStatus.UNAUTHORIZED, "gitlab-webhook-token-invalid",
                    "X-Gitlab-Token is missing or is not the webhook's secret token.");
        }
    }

    static final class NoDeliveryId extends ApiException {
        NoDeliveryId() {
            super(HttpStatus.BAD_REQUEST, "gitlab-webhook-delivery-id-missing",
                    "A GitLab webhook delivery carries Idempotency-Key or X-Gitlab-Event-UUID; this one has neither.");
        }
    }

    static final class InvalidPayload extends ApiException {
        InvalidPayload(String detail) {
            super(HttpStatus.BAD_REQUEST, "gitlab-webhook-payload-invalid", detail);
        }
    }
}
