package dev.autodeploy.monitor.alert;

import java.util.List;
import java.util.UUID;

import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/alerts?organizationId=&projectId=&status=} (newest first, paginated; viewers),
 * {@code POST /api/v1/alerts/{id}/acknowledge} and {@code POST /api/v1/alerts/{id}/resolve} (developers and above;
 * 409 when the alert's state does not allow it).
 */
@RestController
@Validated
@RequestMapping("/api/v1/alerts")
class AlertController {

    private final Alerts alerts;
    private final AlertLifecycle lifecycle;
    private final OrganizationAccess access;

    AlertController(Alerts alerts, AlertLifecycle lifecycle, OrganizationAccess access) {
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.access = access;
    }

    @GetMapping
    PagedModel<AlertApi.AlertView> list(@AuthenticationPrincipal Jwt caller, @RequestParam UUID organizationId,
            @RequestParam(required = false) UUID projectId,
            @RequestParam(required = false) @Pattern(regexp = "open|acknowledged|resolved") String status,
            @PageableDefault(size = 20) Pageable pageable) {
        access.require(organizationId, userId(caller), Role.VIEWER);
        long total = alerts.count(organizationId, projectId, status);
        List<AlertApi.AlertView> page = alerts.list(organizationId, projectId, status, pageable.getOffset(),
                pageable.getPageSize()).stream().map(AlertApi.AlertView::of).toList();
        return new PagedModel<>(new PageImpl<>(page, PageRequest.of(pageable.getPageNumber(), pageable.getPageSize()),
                total));
    }

    @PostMapping("/{id}/acknowledge")
    AlertApi.AlertView acknowledge(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return AlertApi.AlertView.of(lifecycle.acknowledge(id, userId(caller)));
    }

    @PostMapping("/{id}/resolve")
    AlertApi.AlertView resolve(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return AlertApi.AlertView.of(lifecycle.resolve(id, userId(caller)));
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
