package dev.autodeploy.monitor.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import dev.autodeploy.monitor.webhook.WebhookClients;
import dev.autodeploy.monitor.health.CallFailures;
import dev.autodeploy.monitor.health.TargetAddressPolicy;
import dev.autodeploy.monitor.webhook.WebhookSignature;
import dev.autodeploy.vault.TokenVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due notification deliveries: claims them (no other replica sends them meanwhile), sends each the way its
 * channel's type wants — a generic webhook signed ({@link WebhookSignature}) with the channel's secret, a Slack or
 * Discord message, an email over SMTP — and appends the attempt's result to the delivery log: delivered on a 2xx
 * (or an email the server accepted), otherwise tried again after an exponential, jittered back-off until out of
 * attempts. Webhook redirects are not followed and the URL is checked against the SSRF guard before every call.
 * Without a mail server (none configured, or down) email deliveries fail and are retried like any other.
 */
@Component
class NotificationSender {

    static final String EVENT_HEADER = "X-AutoDeploy-Event";
    static final String DELIVERY_HEADER = "X-AutoDeploy-Delivery";

    static final String DISABLED = "channel disabled";

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationDeliveries deliveries;
    private final NotificationChannels channels;
    private final NotificationProperties settings;
    private final NotificationMessages messages;
    private final TargetAddressPolicy addresses;
    private final TokenVault vault;
    private final ObjectProvider<JavaMailSender> mail;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final RestClient client;

    NotificationSender(NotificationDeliveries deliveries, NotificationChannels channels,
            NotificationProperties settings, TargetAddressPolicy addresses, TokenVault vault,
            ObjectProvider<JavaMailSender> mail, TransactionTemplate transactions, JsonMapper json, Clock clock,
            RestClient.Builder builder) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.settings = settings;
        this.messages = new NotificationMessages(json);
        this.addresses = addresses;
        this.vault = vault;
        this.mail = mail;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.client = WebhookClients.restClient(builder, settings.connectTimeout(), settings.readTimeout());
    }

    @Scheduled(fixedDelayString = "${autodeploy.notifications.poll-interval}")
    void send() {
        try {
            Instant now = clock.instant();
            List<NotificationDeliveries.Due> due = transactions.execute(status -> deliveries.claimDue(now,
                    now.plus(settings.lease()), settings.batchSize()));
            if (due == null || due.isEmpty()) {
                return;
            }
            // one slow receiver must not hold up the others' notifications
            try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
                for (NotificationDeliveries.Due delivery : due) {
                    calls.submit(() -> attempt(delivery));
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Notification delivery round failed", ex);
        }
    }

    private void attempt(NotificationDeliveries.Due delivery) {
        try {
            Optional<NotificationChannel> channel = transactions.execute(status -> channels.find(delivery.channelId()));
            if (channel == null || channel.isEmpty()) {
                return; // deleted meanwhile: its deliveries went with it
            }
            // a disabled channel sends nothing more, except the test notifications asked of it
            Outcome outcome = channel.get().enabled() || NotificationEvent.TEST.equals(delivery.event())
                    ? deliver(channel.get(), delivery) : new Outcome(null, DISABLED);
            record(delivery, outcome);
        }
        catch (RuntimeException ex) {
            // not recorded: the lease runs out and the delivery is tried again
            log.warn("Could not record notification delivery {}", delivery.id(), ex);
        }
    }

    /** What one attempt came to: {@code error} null when delivered. */
    private record Outcome(Integer statusCode, String error) {
    }

    private Outcome deliver(NotificationChannel channel, NotificationDeliveries.Due delivery) {
        Notification notification = json.readValue(delivery.payload(), Notification.class);
        if (channel.type() == ChannelType.EMAIL) {
            return email(channel, notification);
        }
        String url = vault.decrypt(channel.urlCiphertext(), NotificationChannel.urlContext(channel.id()));
        Optional<String> refusal = addresses.refusal(url);
        if (refusal.isPresent()) {
            return new Outcome(null, "refused: " + refusal.get());
        }
        try {
            int status = switch (channel.type()) {
                case SLACK -> post(url, messages.slack(notification), delivery, false, null);
                case DISCORD -> post(url, messages.discord(notification), delivery, false, null);
                default -> post(url, messages.generic(notification), delivery, true, channel.signingSecret() == null
                        ? null : vault.decrypt(channel.signingSecret(), NotificationChannel.secretContext(channel.id())));
            };
            return new Outcome(status, status >= 200 && status < 300 ? null : "status " + status);
        }
        catch (RuntimeException ex) {
            return new Outcome(null, CallFailures.describe(ex));
        }
    }

    /** Slack and Discord take the message alone; the generic webhook gets our headers, signed with the secret. */
    private int post(String url, String body, NotificationDeliveries.Due delivery, boolean generic, String secret) {
        long timestamp = clock.instant().getEpochSecond();
        RestClient.RequestBodySpec request = client.post().uri(URI.create(url))
                .contentType(MediaType.APPLICATION_JSON)
                .header("User-Agent", "AutoDeploy-Monitor");
        if (generic) {
            request.header(EVENT_HEADER, delivery.event())
                    .header(DELIVERY_HEADER, delivery.id().toString())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        }
        if (generic && secret != null) {
            request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        }
        return request.body(body.getBytes(StandardCharsets.UTF_8))
                .exchange((req, response) -> {
                    response.getBody().readNBytes(4096);
                    return response.getStatusCode().value();
                }, true);
    }

    private Outcome email(NotificationChannel channel, Notification notification) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return new Outcome(null, "no mail server configured (spring.mail.host)");
        }
        NotificationMessages.Email email = messages.email(notification);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.email().from());
        message.setTo(channel.recipients().toArray(String[]::new));
        message.setSubject(email.subject());
        message.setText(email.body());
        try {
            sender.send(message);
            return new Outcome(null, null);
        }
        catch (RuntimeException ex) {
            return new Outcome(null, "mail " + CallFailures.describe(ex));
        }
    }

    private void record(NotificationDeliveries.Due delivery, Outcome outcome) {
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        UUID id = delivery.id();
        if (outcome.error() == null) {
            transactions.executeWithoutResult(s -> deliveries.delivered(id, attempt, outcome.statusCode(), now));
            return;
        }
        Instant next = attempt >= settings.maxAttempts() || DISABLED.equals(outcome.error()) ? null
                : now.plus(settings.backoff(attempt, ThreadLocalRandom.current()));
        transactions.executeWithoutResult(s -> deliveries.failed(id, attempt, outcome.statusCode(), outcome.error(),
                next, now));
        if (next == null) {
            log.warn("Gave up notification delivery {} after {} attempts ({})", id, attempt, outcome.error());
        }
        else {
            log.info("Notification delivery {} failed ({}); attempt {} at {}", id, outcome.error(), attempt + 1, next);
        }
    }
}
