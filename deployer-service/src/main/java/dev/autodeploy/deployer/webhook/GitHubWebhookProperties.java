package dev.autodeploy.deployer.webhook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * GitHub's webhooks ({@code autodeploy.deployer.webhooks.github}).
 *
 * @param secret the webhook's secret (from {@code GITHUB_WEBHOOK_SECRET}); none means webhooks are refused
 * @param closeTimeout how long a closed pull request's running deployments are waited for to stop before its
 *        preview environment is deleted anyway
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.webhooks.github")
record GitHubWebhookProperties(String secret, @DefaultValue("2m") @NotNull Duration closeTimeout) {

    boolean configured() {
        return secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
        return "GitHubWebhookProperties[secret=" + (configured() ? "****" : "none") + ", closeTimeout=" + closeTimeout
                + "]";
    }
}
