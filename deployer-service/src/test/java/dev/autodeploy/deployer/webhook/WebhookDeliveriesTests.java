package dev.autodeploy.deployer.webhook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery ids: the first delivery passes, every replay of it does not, old ones are forgotten. */
class WebhookDeliveriesTests extends DeployerTest {

    @Autowired
    private WebhookDeliveries deliveries;

    @Test
    void onlyTheFirstDeliveryOfAnIdPassesPerProvider() {
        String id = UUID.randomUUID().toString();

        assertThat(deliveries.firstDelivery("github", id)).isTrue();
        assertThat(deliveries.firstDelivery("github", id)).isFalse();
        assertThat(deliveries.firstDelivery("github", id)).isFalse();
        assertThat(deliveries.firstDelivery("gitlab", id)).isTrue();
    }

    @Test
    void deliveriesOlderThanTheRetentionAreForgotten() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        deliveries.firstDelivery("github", recent);
        jdbc.sql("INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES ('github', ?, ?)")
                .params(old, Timestamp.from(Instant.now().minus(Duration.ofDays(15)))).update();

        assertThat(deliveries.forgetOld()).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE delivery_id = ?", old)).isZero();
        assertThat(deliveries.firstDelivery("github", recent)).isFalse();
    }
}
