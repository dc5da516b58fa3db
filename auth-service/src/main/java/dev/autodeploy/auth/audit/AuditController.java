package dev.autodeploy.auth.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.auth.audit.AuditProblems.InvalidAuditFilter;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/organizations/{id}/audit}: the organization's audit log, newest first, filtered, a page at a
 * time ({@code limit}, opaque {@code cursor}); {@code /audit/export?format=ndjson|csv}: all of it that matches,
 * streamed. Owners and admins only; reading is not audited, an export is ({@code audit.exported}).
 */
@RestController
@RequestMapping("/api/v1/organizations/{id}/audit")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final AuditLog auditLog;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    AuditController(AuditLog auditLog, AuditTrail audit, PlatformTransactionManager transactions, JsonMapper json) {
        this.auditLog = auditLog;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        this.json = json;
    }

    /** {@code items} newest first; {@code nextCursor} null on the last page. */
    record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    @GetMapping
    AuditPage list(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String actorType,
            @RequestParam(required = false) String action, @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId, @RequestParam(required = false) String service,
            @RequestParam(required = false) String requestId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        auditLog.requireReader(id, userId(caller));
        AuditQuery query = AuditQuery.parse(actor, actorType, action, targetType, targetId, service, requestId, from,
                to, cursor);
        AuditLog.Page page = auditLog.page(id, query, AuditQuery.limit(limit));
        return new AuditPage(page.items(), page.nextCursor());
    }

    /**
     * Written straight to the response as rows come from a database cursor (not an async StreamingResponseBody,
     * whose request timeout would cut a long export).
     */
    @GetMapping("/export")
    void export(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(required = false) String format, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String actorType, @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String service, @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        auditLog.requireReader(id, userId(caller));
        String chosen = format == null ? "ndjson" : format;
        if (!chosen.equals("ndjson") && !chosen.equals("csv")) {
            throw new InvalidAuditFilter("format is ndjson or csv.");
        }
        AuditQuery query = AuditQuery.parse(actor, actorType, action, targetType, targetId, service, requestId, from,
                to, null);
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("format", chosen);
        exported.put("filters", query.described());
        transactions.executeWithoutResult(status -> audit.record(id, "audit.exported",
                AuditTarget.of("organization", id), null, exported));

        response.setContentType(chosen.equals("csv") ? CSV + ";charset=UTF-8" : NDJSON + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-" + id + "." + chosen).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        AuditExportWriter writer = AuditExportWriter.of(chosen, out, json);
        writer.start();
        auditLog.stream(id, query, writer::write);
        out.flush();
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
