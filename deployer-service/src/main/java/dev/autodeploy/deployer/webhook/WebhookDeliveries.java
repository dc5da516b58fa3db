package dev.autodeploy.deployer.webhook;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The webhook deliveries already acted on, by provider and delivery id ({@code X-GitHub-Delivery},
 * {@code X-Gitlab-Event-UUID}): a provider redelivering one, or someone replaying a captured request, gets no
 * second effect. Call it in the transaction that carries the delivery's effect, so a failed effect lets the
 * provider's redelivery through.
 */
@Component
@EnableConfigurationProperties(WebhookDeliveryProperties.class)
public class WebhookDeliveries {

    private final JdbcClient jdbc;
    private final WebhookDeliveryProperties properties;
    private final Clock clock;

    WebhookDeliveries(JdbcClient jdbc, WebhookDeliveryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** True the first time a (provider, delivery id) is seen, false for every replay. */
    public boolean firstDelivery(String provider, String deliveryId) {
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(provider, deliveryId, Timestamp.from(clock.instant())).update() == 1;
    }

    /** Forgets deliveries older than the retention; any replica may do it (the delete is idempotent). */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int forgetOld() {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE received_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.retention()))).update();
    }
}
