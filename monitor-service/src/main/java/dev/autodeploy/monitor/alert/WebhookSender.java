package dev.autodeploy.monitor.alert;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.autodeploy.monitor.webhook.WebhookClients;
import dev.autodeploy.monitor.health.CallFailures;
import dev.autodeploy.monitor.health.TargetAddressPolicy;
import dev.autodeploy.monitor.webhook.WebhookSignature;
import dev.autodeploy.vault.TokenVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Sends queued webhook notifications: claims due deliveries (no other replica sends them meanwhile), POSTs each
 * body signed with its rule's secret ({@link WebhookSignature}), and records the outcome — delivered on a 2xx,
 * otherwise tried again with exponential back-off until out of attempts. Redirects are not followed; the URL is
 * checked against the SSRF guard again before every call.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookDeliveries deliveries;
    private final AlertProperties.Delivery settings;
    private final TargetAddressPolicy addresses;
    private final TokenVault vault;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RestClient client;

    WebhookSender(WebhookDeliveries deliveries, AlertProperties properties, TargetAddressPolicy addresses,
            TokenVault vault, TransactionTemplate transactions, Clock clock, RestClient.Builder builder) {
        this.deliveries = deliveries;
        this.settings = properties.delivery();
        this.addresses = addresses;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
        this.client = WebhookClients.restClient(builder, settings.connectTimeout(), settings.readTimeout());
    }

    @Scheduled(fixedDelayString = "${autodeploy.monitor.alerts.delivery.poll-interval}")
    void send() {
        try {
            Instant now = clock.instant();
            List<WebhookDeliveries.Due> due = transactions.execute(status -> deliveries.claimDue(now,
                    now.plus(settings.lease()), settings.batchSize()));
            if (due == null || due.isEmpty()) {
                return;
            }
            // one slow receiver must not hold up the others' notifications
            try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
                for (WebhookDeliveries.Due delivery : due) {
                    calls.submit(() -> attempt(delivery));
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Webhook delivery round failed", ex);
        }
    }

    private void attempt(WebhookDeliveries.Due delivery) {
        try {
            tryDelivery(delivery);
        }
        catch (RuntimeException ex) {
            // not recorded: the lease runs out and the delivery is tried again
            log.warn("Could not record webhook delivery {}", delivery.id(), ex);
        }
    }

    private void tryDelivery(WebhookDeliveries.Due delivery) {
        Integer status = null;
        String error;
        Optional<String> refusal = addresses.refusal(delivery.webhookUrl());
        if (refusal.isPresent()) {
            error = "refused: " + refusal.get();
        }
        else {
            try {
                status = post(delivery);
                error = status >= 200 && status < 300 ? null : "status " + status;
            }
            catch (RuntimeException ex) {
                error = CallFailures.describe(ex);
            }
        }
        int code = status == null ? 0 : status;
        String failure = error;
        Instant now = clock.instant();
        if (failure == null) {
            transactions.executeWithoutResult(s -> deliveries.delivered(delivery.id(), code, now));
            return;
        }
        int attempts = delivery.attempts() + 1;
        Instant next = attempts >= settings.maxAttempts() ? null : now.plus(settings.backoff(attempts));
        Integer statusCode = status;
        transactions.executeWithoutResult(s -> deliveries.failed(delivery.id(), statusCode, failure, next));
        if (next == null) {
            log.warn("Gave up webhook delivery {} of alert {} after {} attempts ({})", delivery.id(),
                    delivery.alertId(), attempts, failure);
        }
        else {
            log.info("Webhook delivery {} of alert {} failed ({}); attempt {} at {}", delivery.id(), delivery.alertId(),
                    failure, attempts + 1, next);
        }
    }

    private int post(WebhookDeliveries.Due delivery) {
        long timestamp = clock.instant().getEpochSecond();
        RestClient.RequestBodySpec request = client.post().uri(URI.create(delivery.webhookUrl()))
                .contentType(MediaType.APPLICATION_JSON)
                .header("User-Agent", "AutoDeploy-Monitor")
                .header("X-AutoDeploy-Event", delivery.event())
                .header("X-AutoDeploy-Delivery", delivery.id().toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (delivery.webhookSecret() != null) {
            String secret = vault.decrypt(delivery.webhookSecret(), AlertRule.secretContext(delivery.ruleId()));
            request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, delivery.body()));
        }
        return request.body(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange((req, response) -> {
                    response.getBody().readNBytes(4096);
                    return response.getStatusCode().value();
                }, true);
    }
}
