package dev.autodeploy.support.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.events.AuditRecorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AuditTrailTests {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final List<Object> published = new ArrayList<>();
    private final UUID user = UUID.randomUUID();

    private AuditTrail trail(boolean trustProxies) {
        return new AuditTrail(published::add, new AuditContext(() -> Optional.of(user), trustProxies),
                new AuditMasking(), new JsonMapper(), "deployer-service", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    record Settings(String name, String apiToken, boolean secret, Map<String, String> nested) {
    }

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        RequestContextHolder.resetRequestAttributes();
        MDC.clear();
    }

    @Test
    void refusesToRecordOutsideATransaction() {
        assertThatIllegalStateException().isThrownBy(() -> trail(true).record(UUID.randomUUID(), "project.created",
                AuditTarget.of("project", UUID.randomUUID()), null, Map.of("name", "web")));
        assertThat(published).isEmpty();
    }

    @Test
    void recordsWhoWhatAndTheRequestWithSecretFieldsMasked() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9, 198.51.100.7");
        request.addHeader("User-Agent", "curl/8");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        MDC.put("requestId", "req-1");
        UUID organization = UUID.randomUUID();
        Map<String, String> nested = new LinkedHashMap<>();
        nested.put("password", "hunter2");
        nested.put("host", "db");

        AuditRecorded entry = trail(true).record(organization, "environment.updated",
                AuditTarget.of("environment", "e1"), new Settings("web", "tok-123", true, nested), null);

        assertThat(published).containsExactly(entry);
        assertThat(entry.organizationId()).isEqualTo(organization);
        assertThat(entry.actorType()).isEqualTo("user");
        assertThat(entry.actorId()).isEqualTo(user);
        assertThat(entry.service()).isEqualTo("deployer-service");
        assertThat(entry.occurredAt()).isEqualTo(NOW);
        assertThat(entry.requestId()).isEqualTo("req-1");
        assertThat(entry.ip()).isEqualTo("198.51.100.7");
        assertThat(entry.userAgent()).isEqualTo("curl/8");
        assertThat(entry.before()).containsEntry("name", "web").containsEntry("apiToken", AuditMasking.MASK)
                .containsEntry("secret", true)
                .containsEntry("nested", Map.of("password", AuditMasking.MASK, "host", "db"));
        assertThat(entry.after()).isNull();
        assertThat(entry.toString()).doesNotContain("tok-123", "hunter2");
    }

    @Test
    void aClientTalkingDirectlyCannotChooseTheRecordedAddress() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.50");
        request.addHeader("X-Forwarded-For", "10.9.9.9");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        AuditRecorded entry = trail(true).record(UUID.randomUUID(), "project.deleted",
                AuditTarget.of("project", "p"), Map.of("name", "x"), null);

        assertThat(entry.ip()).isEqualTo("203.0.113.50");
        assertThat(trail(false).record(UUID.randomUUID(), "project.deleted", AuditTarget.of("project", "p"),
                null, null).ip()).isEqualTo("203.0.113.50");
    }

    @Test
    void backgroundWorkIsRecordedAsThePlatform() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        AuditRecorded entry = trail(true).record(AuditActor.system(), UUID.randomUUID(), "deployment.rolled-back",
                AuditTarget.of("deployment", "d"), null, Map.of("reason", "health"));
        assertThat(entry.actorType()).isEqualTo("system");
        assertThat(entry.actorId()).isNull();
        assertThat(entry.ip()).isNull();
    }

    @Test
    void aPersonalEntryHasTheUserAndNoOrganizationAndTheSignedInUserAsActor() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        UUID account = UUID.randomUUID();
        AuditRecorded entry = trail(true).recordPersonal(account, "user.updated", AuditTarget.of("user", account),
                Map.of("name", "Old"), Map.of("name", "New", "passwordChanged", true));

        assertThat(published).containsExactly(entry);
        assertThat(entry.organizationId()).isNull();
        assertThat(entry.userId()).isEqualTo(account);
        assertThat(entry.aggregateId()).isEqualTo(account.toString());
        // The signed-in user of the request is the actor (here the trail's user); a flag named like a secret stays.
        assertThat(entry.actorId()).isEqualTo(user);
        assertThat(entry.after()).containsEntry("passwordChanged", true);
    }

    @Test
    void withoutASignedInUserThePersonalEntrysActorIsTheAccountOrTheGivenActor() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        AuditTrail anonymousRequest = new AuditTrail(published::add, new AuditContext(Optional::empty, true),
                new AuditMasking(), new JsonMapper(), "auth-service", Clock.fixed(NOW, ZoneOffset.UTC));
        UUID account = UUID.randomUUID();

        AuditRecorded signedIn = anonymousRequest.recordPersonal(account, "session.created",
                AuditTarget.of("session", UUID.randomUUID()), null, Map.of("method", "password"));
        AuditRecorded failed = anonymousRequest.recordPersonal(AuditActor.anonymous(), account, "session.failed",
                AuditTarget.of("user", account), null, null);

        assertThat(signedIn.actorType()).isEqualTo("user");
        assertThat(signedIn.actorId()).isEqualTo(account);
        assertThat(failed.actorType()).isEqualTo("anonymous");
        assertThat(failed.actorId()).isNull();
        assertThat(failed.userId()).isEqualTo(account);
        assertThatIllegalArgumentException().isThrownBy(() -> anonymousRequest.recordPersonal(null, "user.updated",
                AuditTarget.of("user", "u"), null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> anonymousRequest.record(null, "project.created",
                AuditTarget.of("project", "p"), null, null));
    }

    @Test
    void anEntryPublishedBeforeUserIdExistedStillReadsAsAnOrganizationEntry() {
        JsonMapper json = new JsonMapper();
        UUID organization = UUID.randomUUID();
        String old = """
                {"eventId":"%s","occurredAt":"2026-01-01T00:00:00Z","organizationId":"%s","service":"auth-service",
                 "actorType":"system","actorId":null,"action":"project.created","targetType":"project",
                 "targetId":"p","before":null,"after":{"name":"web"},"requestId":null,"ip":null,"userAgent":null}"""
                .formatted(UUID.randomUUID(), organization);

        AuditRecorded read = json.readValue(old, AuditRecorded.class);

        assertThat(read.organizationId()).isEqualTo(organization);
        assertThat(read.userId()).isNull();
        assertThat(read.after()).isEqualTo(Map.of("name", "web"));
        AuditRecorded personal = new AuditRecorded(UUID.randomUUID(), NOW, null, "auth-service", "user", user,
                "session.created", "session", "s", null, null, "r", "203.0.113.1", "ua", user);
        assertThat(json.readValue(json.writeValueAsString(personal), AuditRecorded.class)).isEqualTo(personal);
    }
}
