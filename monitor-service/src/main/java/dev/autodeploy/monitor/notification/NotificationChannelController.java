package dev.autodeploy.monitor.notification;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/notification-channels}: a project's notification channels (list with
 * {@code ?organizationId=&projectId=}), a test notification, the rotation of a webhook's signing secret and each
 * channel's delivery log. Viewers read, developers and above manage.
 */
@RestController
@RequestMapping("/api/v1/notification-channels")
@Tag(name = "Notification channels", description = "Where a project's deployment and health events are sent")
class NotificationChannelController {

    private final NotificationChannelManagement management;

    NotificationChannelController(NotificationChannelManagement management) {
        this.management = management;
    }

    @PostMapping
    @Operation(summary = "Create a channel; a webhook channel's signing secret is in this response only")
    ResponseEntity<NotificationChannelApi.ChannelView> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody NotificationChannelApi.CreateChannel request) {
        NotificationChannelApi.ChannelView created = management.create(request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/notification-channels/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "List a project's channels")
    List<NotificationChannelApi.ChannelView> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam UUID organizationId, @RequestParam UUID projectId) {
        return management.list(organizationId, projectId, userId(caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a channel (URL masked, secret never shown)")
    NotificationChannelApi.ChannelView view(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return management.view(id, userId(caller));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a channel's name, URL, recipients, filters or enabled flag")
    NotificationChannelApi.ChannelView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody NotificationChannelApi.UpdateChannel request) {
        return management.update(id, request, userId(caller));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a channel and its delivery log")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        management.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/test")
    @Operation(summary = "Send a test notification (recorded in the delivery log)")
    ResponseEntity<NotificationChannelApi.DeliveryView> test(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(management.test(id, userId(caller)));
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(summary = "Replace a webhook channel's signing secret; the new one is in this response only")
    NotificationChannelApi.SigningSecret rotateSecret(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return management.rotateSecret(id, userId(caller));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The channel's delivery log, newest first")
    PagedModel<NotificationChannelApi.DeliveryView> deliveries(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID id, @PageableDefault(size = 20) Pageable pageable) {
        return management.deliveries(id, userId(caller), pageable);
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
