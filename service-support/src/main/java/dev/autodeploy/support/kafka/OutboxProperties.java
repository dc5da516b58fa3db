package dev.autodeploy.support.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox's resending ({@code autodeploy.outbox}): every {@code resubmitInterval}, events still unsent after
 * {@code resubmitOlderThan} are sent again.
 */
@ConfigurationProperties("autodeploy.outbox")
public record OutboxProperties(@DefaultValue("30s") Duration resubmitInterval,
        @DefaultValue("60s") Duration resubmitOlderThan) {
}
