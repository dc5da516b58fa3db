package dev.autodeploy.auth.audit;

import java.util.UUID;

import dev.autodeploy.auth.audit.AuditController.AuditPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/users/me/audit}: the signed-in user's personal security log — what happened to their own
 * account (registration, sign-ins and failed ones, profile changes, provider connections, sign-outs) — newest first,
 * a page at a time, with the organization log's filters, cursor and answer shape. Nobody reads another user's.
 */
@RestController
@Tag(name = "audit", description = "Audit logs: an organization's and the signed-in user's personal one")
class PersonalAuditController {

    private final AuditLog auditLog;

    PersonalAuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(summary = "The signed-in user's personal security log, newest first",
            description = "Filters: action (exact, or a prefix ending in *: session.*), from (inclusive) and to "
                    + "(exclusive) ISO-8601 instants, limit 1..200 (default 50), cursor (the nextCursor of the "
                    + "previous page). Answers {items, nextCursor}; nextCursor is null on the last page. A bad "
                    + "filter, limit or cursor is a 400 problem (invalid-audit-filter, invalid-cursor).")
    @GetMapping("/api/v1/users/me/audit")
    AuditPage list(@AuthenticationPrincipal Jwt caller, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        AuditQuery query = AuditQuery.parse(null, null, action, null, null, null, null, from, to, cursor);
        AuditLog.Page page = auditLog.personalPage(UUID.fromString(caller.getSubject()), query,
                AuditQuery.limit(limit));
        return new AuditPage(page.items(), page.nextCursor());
    }
}
