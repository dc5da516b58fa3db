package dev.autodeploy.monitor.alert;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
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
 * {@code /api/v1/alert-rules}: create, list ({@code ?organizationId=&projectId=}), read, change and delete a
 * project's alert rules. Viewers read, developers and above manage; webhook secrets are never returned.
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
class AlertRuleController {

    private final AlertRuleManagement management;

    AlertRuleController(AlertRuleManagement management) {
        this.management = management;
    }

    @PostMapping
    ResponseEntity<AlertRuleApi.RuleView> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody AlertRuleApi.CreateRule request) {
        AlertRuleApi.RuleView created = management.create(request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + created.id())).body(created);
    }

    @GetMapping
    List<AlertRuleApi.RuleView> list(@AuthenticationPrincipal Jwt caller, @RequestParam UUID organizationId,
            @RequestParam(required = false) UUID projectId) {
        return management.list(organizationId, projectId, userId(caller));
    }

    @GetMapping("/{id}")
    AlertRuleApi.RuleView view(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return management.view(id, userId(caller));
    }

    @PatchMapping("/{id}")
    AlertRuleApi.RuleView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody AlertRuleApi.UpdateRule request) {
        return management.update(id, request, userId(caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        management.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
