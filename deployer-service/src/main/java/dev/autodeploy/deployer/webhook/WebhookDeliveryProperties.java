package dev.autodeploy.deployer.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long delivery ids are remembered ({@code autodeploy.deployer.webhooks.deliveries}): longer than any
 * provider redelivers (GitHub and GitLab redeliver within days), so a replay inside that window is caught.
 */
@ConfigurationProperties("autodeploy.deployer.webhooks.deliveries")
public record WebhookDeliveryProperties(@DefaultValue("14d") Duration retention) {
}
