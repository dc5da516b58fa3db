package dev.autodeploy.monitor.notification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.monitor.health.TargetAddressPolicy;
import dev.autodeploy.monitor.webhook.WebhookUrls;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.vault.TokenVault;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, changes, lists and deletes a project's notification channels, sends test notifications and reads the
 * delivery log: viewers of the organization read, developers and above manage, non-members are told the channel
 * (or organization) does not exist. A channel is checked as a whole — URL or recipients as its type needs, the URL
 * against the SSRF guard — before anything is stored; URL and signing secret are stored encrypted, and every change
 * is audited with the secret masked.
 */
@Component
class NotificationChannelManagement {

    static final String RESOURCE = "notification-channel";

    private final NotificationChannels channels;
    private final NotificationDeliveries deliveries;
    private final OrganizationAccess access;
    private final TargetAddressPolicy addresses;
    private final TokenVault vault;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    NotificationChannelManagement(NotificationChannels channels, NotificationDeliveries deliveries,
            OrganizationAccess access, TargetAddressPolicy addresses, TokenVault vault, AuditTrail audit,
            JsonMapper json, Clock clock) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.access = access;
        this.addresses = addresses;
        this.vault = vault;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    NotificationChannelApi.ChannelView create(NotificationChannelApi.CreateChannel request, UUID userId) {
        access.require(request.organizationId(), userId, Role.DEVELOPER);
        requireProjectOf(request.organizationId(), request.projectId());
        ChannelType type = ChannelType.fromWire(request.type()).orElseThrow();
        List<String> recipients = distinct(request.recipients());
        validate(type, request.url(), recipients);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String secret = type == ChannelType.WEBHOOK ? newSecret() : null;
        NotificationChannel channel = new NotificationChannel(id, request.organizationId(), request.projectId(),
                request.name().strip(), type, encryptedUrl(id, type, request.url()), maskedUrl(type, request.url()),
                secret == null ? null : vault.encrypt(secret, NotificationChannel.secretContext(id)), recipients,
                request.events() == null ? NotificationEvent.allWire() : distinct(request.events()),
                distinct(request.environments()), request.enabled() == null || request.enabled(), userId, now, now);
        channels.insert(channel);
        NotificationChannelApi.ChannelView view = NotificationChannelApi.ChannelView.of(channel);
        audit.record(channel.organizationId(), RESOURCE + ".created", AuditTarget.of(RESOURCE, id), null, view);
        return NotificationChannelApi.ChannelView.of(channel, secret);
    }

    @Transactional(readOnly = true)
    List<NotificationChannelApi.ChannelView> list(UUID organizationId, UUID projectId, UUID userId) {
        access.require(organizationId, userId, Role.VIEWER);
        return channels.of(organizationId, projectId).stream().map(NotificationChannelApi.ChannelView::of).toList();
    }

    @Transactional(readOnly = true)
    NotificationChannelApi.ChannelView view(UUID id, UUID userId) {
        return NotificationChannelApi.ChannelView.of(require(id, userId, Role.VIEWER));
    }

    @Transactional
    NotificationChannelApi.ChannelView update(UUID id, NotificationChannelApi.UpdateChannel request, UUID userId) {
        NotificationChannel channel = require(id, userId, Role.DEVELOPER);
        List<String> recipients = request.recipients() != null ? distinct(request.recipients()) : channel.recipients();
        boolean newUrl = request.url() != null;
        validate(channel.type(), newUrl ? request.url() : null, recipients, !newUrl && channel.type().usesUrl());
        NotificationChannel changed = new NotificationChannel(id, channel.organizationId(), channel.projectId(),
                request.name() != null ? request.name().strip() : channel.name(), channel.type(),
                newUrl ? encryptedUrl(id, channel.type(), request.url()) : channel.urlCiphertext(),
                newUrl ? maskedUrl(channel.type(), request.url()) : channel.urlMasked(), channel.signingSecret(),
                recipients, request.events() != null ? distinct(request.events()) : channel.events(),
                request.environments() != null ? distinct(request.environments()) : channel.environments(),
                request.enabled() != null ? request.enabled() : channel.enabled(), channel.createdBy(),
                channel.createdAt(), clock.instant());
        channels.update(changed);
        NotificationChannelApi.ChannelView view = NotificationChannelApi.ChannelView.of(changed);
        audit.record(channel.organizationId(), RESOURCE + ".updated", AuditTarget.of(RESOURCE, id),
                NotificationChannelApi.ChannelView.of(channel), view);
        return view;
    }

    @Transactional
    void delete(UUID id, UUID userId) {
        NotificationChannel channel = require(id, userId, Role.DEVELOPER);
        channels.delete(id);
        audit.record(channel.organizationId(), RESOURCE + ".deleted", AuditTarget.of(RESOURCE, id),
                NotificationChannelApi.ChannelView.of(channel), null);
    }

    /** A new signing secret for a webhook channel, replacing the old one at once; shown this once. */
    @Transactional
    NotificationChannelApi.SigningSecret rotateSecret(UUID id, UUID userId) {
        NotificationChannel channel = require(id, userId, Role.DEVELOPER);
        if (channel.type() != ChannelType.WEBHOOK) {
            throw new NotificationProblems.NoSigningSecret();
        }
        String secret = newSecret();
        NotificationChannel changed = new NotificationChannel(id, channel.organizationId(), channel.projectId(),
                channel.name(), channel.type(), channel.urlCiphertext(), channel.urlMasked(),
                vault.encrypt(secret, NotificationChannel.secretContext(id)), channel.recipients(), channel.events(),
                channel.environments(), channel.enabled(), channel.createdBy(), channel.createdAt(), clock.instant());
        channels.update(changed);
        audit.record(channel.organizationId(), RESOURCE + ".secret-rotated", AuditTarget.of(RESOURCE, id), null, null);
        return new NotificationChannelApi.SigningSecret(secret);
    }

    /** Queues a test notification to the channel (whatever its filters), recorded in its delivery log. */
    @Transactional
    NotificationChannelApi.DeliveryView test(UUID id, UUID userId) {
        NotificationChannel channel = require(id, userId, Role.DEVELOPER);
        Instant now = clock.instant();
        String environment = channel.environments().isEmpty() ? null : channel.environments().getFirst();
        Notification notification = new Notification(NotificationEvent.TEST, now, channel.organizationId(),
                channel.projectId(), null, environment, "test", null, null,
                "This is a test notification from AutoDeploy for channel \"" + channel.name() + "\".", null);
        UUID deliveryId = UUID.randomUUID();
        deliveries.add(deliveryId, id, NotificationEvent.TEST, null, null, json.writeValueAsString(notification), now);
        audit.record(channel.organizationId(), RESOURCE + ".tested", AuditTarget.of(RESOURCE, id), null,
                Map.of("deliveryId", deliveryId));
        return NotificationChannelApi.DeliveryView.of(new NotificationDeliveries.Delivery(deliveryId,
                NotificationEvent.TEST, null, "pending", 0, null, null, now, null, now), Map.of());
    }

    @Transactional(readOnly = true)
    PagedModel<NotificationChannelApi.DeliveryView> deliveries(UUID id, UUID userId, Pageable pageable) {
        require(id, userId, Role.VIEWER);
        long total = deliveries.count(id);
        List<NotificationDeliveries.Delivery> page = deliveries.page(id, pageable.getOffset(), pageable.getPageSize());
        var attempts = deliveries.attemptsOf(page.stream().map(NotificationDeliveries.Delivery::id).toList());
        List<NotificationChannelApi.DeliveryView> views = page.stream()
                .map(delivery -> NotificationChannelApi.DeliveryView.of(delivery, attempts)).toList();
        return new PagedModel<>(new PageImpl<>(views, PageRequest.of(pageable.getPageNumber(), pageable.getPageSize()),
                total));
    }

    private NotificationChannel require(UUID id, UUID userId, Role minimum) {
        NotificationChannel channel = channels.find(id).orElseThrow(NotificationProblems.ChannelNotFound::new);
        access.require(channel.organizationId(), userId, minimum, NotificationProblems.ChannelNotFound::new);
        return channel;
    }

    private void requireProjectOf(UUID organizationId, UUID projectId) {
        List<UUID> seenUnder = channels.organizationsOfProject(projectId);
        if (!seenUnder.isEmpty() && !seenUnder.contains(organizationId)) {
            throw new NotificationProblems.ProjectNotFound();
        }
    }

    private void validate(ChannelType type, String url, List<String> recipients) {
        validate(type, url, recipients, false);
    }

    /** 422 with every problem, or the URL's SSRF refusal; {@code keepsUrl}: a stored URL stays. */
    private void validate(ChannelType type, String url, List<String> recipients, boolean keepsUrl) {
        List<Map<String, Object>> problems = new ArrayList<>();
        if (type.usesUrl()) {
            if ((url == null || url.isBlank()) && !keepsUrl) {
                problems.add(problem("url", "a " + type.wire() + " channel needs a url"));
            }
            if (!recipients.isEmpty()) {
                problems.add(problem("recipients", "only an email channel has recipients"));
            }
        }
        else {
            if (url != null) {
                problems.add(problem("url", "an email channel has recipients, not a url"));
            }
            if (recipients.isEmpty()) {
                problems.add(problem("recipients", "an email channel needs at least one recipient"));
            }
        }
        if (!problems.isEmpty()) {
            throw new NotificationProblems.InvalidChannel(problems);
        }
        if (type.usesUrl() && url != null) {
            Optional<String> refusal = addresses.refusal(url);
            if (refusal.isPresent()) {
                throw new NotificationProblems.UrlRefused(refusal.get());
            }
        }
    }

    private String encryptedUrl(UUID id, ChannelType type, String url) {
        return type.usesUrl() ? vault.encrypt(url, NotificationChannel.urlContext(id)) : null;
    }

    private static String maskedUrl(ChannelType type, String url) {
        return type.usesUrl() ? WebhookUrls.masked(url) : null;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }

    private static Map<String, Object> problem(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
