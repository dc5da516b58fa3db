package dev.autodeploy.deployer.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GitLab webhooks ({@code autodeploy.deployer.webhooks.gitlab}).
 *
 * @param secret what GitLab sends as {@code X-Gitlab-Token} (the webhook's "Secret token"), from the environment
 *     ({@code GITLAB_WEBHOOK_SECRET}); none: every GitLab webhook is refused
 */
@ConfigurationProperties("autodeploy.deployer.webhooks.gitlab")
record GitLabWebhookProperties(String secret) {

    boolean configured() {
        return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
        return "GitLabWebhookProperties[secret=" + (configured() ? "****" : "none") + "]";
    }
}
