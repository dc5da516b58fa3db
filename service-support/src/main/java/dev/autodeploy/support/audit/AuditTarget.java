package dev.autodeploy.support.audit;

import java.util.Objects;
import java.util.UUID;

/** What an audited action changed: a resource type ({@code project}, {@code environment}, …) and its id. */
public record AuditTarget(String type, String id) {

    public AuditTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static AuditTarget of(String type, UUID id) {
        return new AuditTarget(type, id.toString());
    }

    public static AuditTarget of(String type, String id) {
        return new AuditTarget(type, id);
    }
}
