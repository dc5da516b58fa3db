package dev.autodeploy.support.audit;

import java.util.UUID;

/**
 * Who did an audited action: a user ({@code id} set), the platform itself, a webhook sender, or somebody not signed
 * in (a failed sign-in: whoever typed the password is not known to be the account's owner).
 */
public record AuditActor(String type, UUID id) {

    public static final String USER = "user";
    public static final String SYSTEM = "system";
    public static final String WEBHOOK = "webhook";
    public static final String ANONYMOUS = "anonymous";

    public static AuditActor user(UUID id) {
        return new AuditActor(USER, id);
    }

    public static AuditActor system() {
        return new AuditActor(SYSTEM, null);
    }

    public static AuditActor webhook() {
        return new AuditActor(WEBHOOK, null);
    }

    public static AuditActor anonymous() {
        return new AuditActor(ANONYMOUS, null);
    }
}
