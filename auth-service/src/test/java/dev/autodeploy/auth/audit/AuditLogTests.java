package dev.autodeploy.auth.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.auth.TestApi;
import dev.autodeploy.auth.TestApi.Account;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.audit.AuditMasking;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The audit log: collection from Kafka, masking, append-only storage, the API's filters, pages, exports and roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AuditLogTests {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @LocalServerPort
    private int port;

    @Autowired
    private AuditLog auditLog;

    @Autowired
    private AuditTrail audit;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private KafkaTemplate<Object, Object> kafka;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private TestApi api;
    private RestClient http;

    @BeforeEach
    void client() {
        api = new TestApi(port);
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                }).build();
    }

    @Test
    void anEntryDeliveredTwiceIsStoredOnce() throws Exception {
        UUID organization = UUID.randomUUID();
        AuditRecorded entry = entry(organization, "project.created", "project", UUID.randomUUID().toString(),
                Instant.parse("2026-01-01T00:00:00Z"));
        CloudEvent<AuditRecorded> event = CloudEvent.of("test", entry);
        kafka.send(Topics.AUDIT_EVENTS, organization.toString(), event).get();
        kafka.send(Topics.AUDIT_EVENTS, organization.toString(), event).get();
        // A later entry on the same partition: once it is in, both deliveries of the first have been handled.
        AuditRecorded marker = entry(organization, "project.updated", "project", "marker",
                Instant.parse("2026-01-01T00:01:00Z"));
        kafka.send(Topics.AUDIT_EVENTS, organization.toString(), CloudEvent.of("test", marker)).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> count(organization, marker.eventId()) == 1);
        assertThat(count(organization, entry.eventId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entries WHERE organization_id = ?").param(organization)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anOrganizationsOwnChangesArriveWithActorEmailRequestIdAndAddress() {
        Account owner = api.register();
        String org = createOrganization(owner);
        ResponseEntity<Map<String, Object>> invitation = api.post("/api/v1/organizations/" + org + "/invitations",
                Map.of("email", "new-" + UUID.randomUUID() + "@example.test", "role", "developer"),
                owner.accessToken());
        String invitationToken = (String) invitation.getBody().get("token");

        List<Map<String, Object>> items = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(list(owner, org, "")), found -> found.size() == 2);
        assertThat(items).extracting(item -> item.get("action"))
                .containsExactly("invitation.created", "organization.created");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("actorType")).isEqualTo("user");
            assertThat(item.get("actorId")).isEqualTo(owner.id());
            assertThat(item.get("actorEmail")).isEqualTo(owner.email());
            assertThat(item.get("requestId")).isNotNull();
            assertThat(item.get("ip")).isNotNull();
            assertThat(item.get("service")).isEqualTo("auth-service");
        });
        assertThat(items.getFirst().get("targetId")).isEqualTo(invitation.getBody().get("id"));
        String everything = list(owner, org, "").getBody().toString() + export(owner, org, "ndjson").getBody()
                + export(owner, org, "csv").getBody();
        assertThat(everything).doesNotContain(invitationToken).doesNotContain(owner.password())
                .doesNotContain(owner.accessToken());
    }

    @Test
    void everyOrganizationMutationIsRecordedExactlyOnce() {
        Account owner = api.register();
        Account member = api.register();
        Account invitee = api.register();
        Account decliner = api.register();
        String org = createOrganization(owner);
        String base = "/api/v1/organizations/" + org;
        assertThat(call("PUT", base, Map.of("name", "Renamed " + UUID.randomUUID()), owner)).isEqualTo(200);
        assertThat(api.post(base + "/members", Map.of("email", member.email(), "role", "viewer"), owner.accessToken())
                .getStatusCode().value()).isEqualTo(201);
        assertThat(call("PUT", base + "/members/" + member.id(), Map.of("role", "developer"), owner)).isEqualTo(200);
        assertThat(api.delete(base + "/members/" + member.id(), owner.accessToken())).isEqualTo(204);
        Map<String, Object> accepted = api.post(base + "/invitations",
                Map.of("email", invitee.email(), "role", "developer"), owner.accessToken()).getBody();
        Map<String, Object> declined = api.post(base + "/invitations",
                Map.of("email", decliner.email(), "role", "viewer"), owner.accessToken()).getBody();
        assertThat(api.post("/api/v1/invitations/" + accepted.get("token") + "/accept", null, invitee.accessToken())
                .getStatusCode().value()).isEqualTo(200);
        assertThat(api.post("/api/v1/invitations/" + declined.get("token") + "/decline", null, decliner.accessToken())
                .getStatusCode().value()).isEqualTo(200);
        assertThat(api.delete("/api/v1/users/" + invitee.id(), invitee.accessToken())).isEqualTo(204);
        assertThat(api.delete(base, owner.accessToken())).isEqualTo(204);

        List<String> expected = List.of("organization.created " + org, "organization.updated " + org,
                "member.added " + member.id(), "member.role_changed " + member.id(), "member.removed " + member.id(),
                "invitation.created " + accepted.get("id"), "invitation.created " + declined.get("id"),
                "invitation.accepted " + accepted.get("id"), "invitation.declined " + declined.get("id"),
                "member.removed " + invitee.id(), "organization.deleted " + org);
        // The organization is gone, so nobody can read its log through the API any more: the table is asked.
        List<String> recorded = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT action || ' ' || target_id FROM audit_entries WHERE organization_id = ? ORDER BY seq""")
                .param(UUID.fromString(org)).query(String.class).list(), found -> found.size() >= expected.size());
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(expected);
        String stored = jdbc.sql("SELECT string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ' ') "
                + "FROM audit_entries WHERE organization_id = ?").param(UUID.fromString(org)).query(String.class)
                .single();
        assertThat(stored).doesNotContain((String) accepted.get("token")).doesNotContain((String) declined.get("token"));
        assertThat(jdbc.sql("SELECT actor_id FROM audit_entries WHERE organization_id = ? AND action = ?")
                .params(UUID.fromString(org), "invitation.accepted").query(UUID.class).single().toString())
                .isEqualTo(invitee.id());
    }

    private int call(String method, String path, Object body, Account who) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", "Bearer " + who.accessToken())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity().getStatusCode().value();
    }

    @Test
    void secretNamedFieldsAreMaskedBeforeTheyAreStored() {
        UUID organization = UUID.randomUUID();
        String secret = "s3cret-" + UUID.randomUUID();
        AuditRecorded recorded = new TransactionTemplate(transactionManager).execute(status -> audit.record(
                organization, "variable.created", AuditTarget.of("variable", "DB_PASSWORD"), null,
                Map.of("key", "DB_PASSWORD", "password", secret, "nested", Map.of("apiKey", secret))));
        assertThat(recorded.after()).containsEntry("password", AuditMasking.MASK).containsEntry("key", "DB_PASSWORD");
        auditLog.append(recorded);

        String stored = jdbc.sql("SELECT after::text FROM audit_entries WHERE event_id = ?").param(recorded.eventId())
                .query(String.class).single();
        assertThat(stored).doesNotContain(secret).contains(AuditMasking.MASK);
        assertThat(json.readValue(stored, MAP).get("nested")).isEqualTo(Map.of("apiKey", AuditMasking.MASK));
    }

    @Test
    void entriesCanBeNeitherChangedNorRemoved() {
        AuditRecorded entry = entry(UUID.randomUUID(), "project.deleted", "project", "p1", Instant.now());
        auditLog.append(entry);
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entries SET action = 'x' WHERE event_id = ?")
                .param(entry.eventId()).update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entries WHERE event_id = ?").param(entry.eventId()).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entries").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(count(entry.organizationId(), entry.eventId())).isEqualTo(1);
    }

    @Test
    void filtersAndCursorPagesWalkTheLogNewestFirst() {
        Account owner = api.register();
        UUID org = UUID.fromString(createOrganization(owner));
        UUID someoneElse = UUID.randomUUID();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        List<AuditRecorded> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditRecorded e = new AuditRecorded(UUID.randomUUID(), start.plusSeconds(i * 60L), org,
                    i % 2 == 0 ? "deployer-service" : "monitor-service", "user", i < 5 ? UUID.fromString(owner.id())
                            : someoneElse, i < 4 ? "project.updated" : "alert_rule.created",
                    i < 4 ? "project" : "alert_rule", "t" + i, null, Map.of("n", i), "req-" + i, "203.0.113.7",
                    "curl/8");
            auditLog.append(e);
            appended.add(e);
        }
        // An entry of another organization and one that would match a naive LIKE: neither may show up.
        auditLog.append(entry(UUID.randomUUID(), "project.updated", "project", "other-org", start));
        auditLog.append(new AuditRecorded(UUID.randomUUID(), start, org, "deployer-service", "system", null,
                "projectXupdated", "project", "like", null, null, null, null, null));

        String filter = "&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";
        List<Object> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = list(owner, org.toString(), "limit=3" + filter
                    + (cursor == null ? "" : "&cursor=" + cursor)).getBody();
            items(page).forEach(item -> walked.add(item.get("targetId")));
            cursor = (String) page.get("nextCursor");
            pages++;
        }
        while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactly("like", "t6", "t5", "t4", "t3", "t2", "t1", "t0");

        assertThat(targets(owner, org, "action=project.*" + filter)).containsExactly("t3", "t2", "t1", "t0");
        assertThat(targets(owner, org, "action=project.updated" + filter)).containsExactly("t3", "t2", "t1", "t0");
        assertThat(targets(owner, org, "actor=" + someoneElse)).containsExactly("t6", "t5");
        assertThat(targets(owner, org, "actorType=system")).containsExactly("like");
        assertThat(targets(owner, org, "targetType=alert_rule&service=monitor-service")).containsExactly("t5");
        assertThat(targets(owner, org, "targetId=t2")).containsExactly("t2");
        assertThat(targets(owner, org, "requestId=req-4")).containsExactly("t4");
        assertThat(targets(owner, org, "from=2026-03-01T00:02:00Z&to=2026-03-01T00:04:00Z")).containsExactly("t3", "t2");
        Map<String, Object> first = items(list(owner, org.toString(), "targetId=t4").getBody()).getFirst();
        assertThat(first).containsEntry("action", "alert_rule.created").containsEntry("after", Map.of("n", 4))
                .containsEntry("ip", "203.0.113.7").containsEntry("userAgent", "curl/8")
                .containsEntry("actorEmail", owner.email()).containsEntry("id", appended.get(4).eventId().toString());

        for (String bad : List.of("limit=0", "limit=201", "limit=x", "cursor=bm9wZQ", "cursor=%%%", "actor=me",
                "from=yesterday", "action=pro*ject", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")) {
            ResponseEntity<Map<String, Object>> answer = list(owner, org.toString(), bad);
            assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType().toString()).as(bad).startsWith("application/problem+json");
        }
    }

    @Test
    void exportsParseBackToTheSameEntries() {
        Account owner = api.register();
        UUID org = UUID.fromString(createOrganization(owner));
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        auditLog.append(new AuditRecorded(UUID.randomUUID(), start, org, "deployer-service", "user",
                UUID.fromString(owner.id()), "variable.created", "variable", "=HYPERLINK(\"x\")", null,
                Map.of("key", "A,B", "value", AuditMasking.MASK, "quote", "say \"hi\""), "req-1", "198.51.100.1",
                "agent, with comma\nand a line"));
        auditLog.append(new AuditRecorded(UUID.randomUUID(), start.plusSeconds(1), org, "monitor-service", "webhook",
                null, "alert.resolved", "alert", "-1+2", Map.of("status", "open"), null, null, null, null));
        auditLog.append(new AuditRecorded(UUID.randomUUID(), start.plusSeconds(2), org, "auth-service", "system",
                null, "member.removed", "member", "@me", Map.of("role", "viewer"), null, null, null, null));

        String filter = "from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z";
        List<Map<String, Object>> listed = items(list(owner, org.toString(), filter).getBody());
        assertThat(listed).hasSize(3);

        ResponseEntity<String> ndjson = export(owner, org.toString(), "ndjson&" + filter);
        assertThat(ndjson.getStatusCode().value()).isEqualTo(200);
        assertThat(ndjson.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        assertThat(ndjson.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
                .contains(".ndjson");
        List<Map<String, Object>> fromNdjson = ndjson.getBody().lines().map(line -> json.readValue(line, MAP)).toList();
        assertThat(fromNdjson).isEqualTo(listed);

        ResponseEntity<String> csv = export(owner, org.toString(), "csv&" + filter);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment").contains(".csv");
        List<List<String>> rows = Rfc4180.parse(csv.getBody());
        assertThat(rows.getFirst()).isEqualTo(AuditExportWriter.CSV_COLUMNS);
        assertThat(rows).hasSize(4);
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> expected = listed.get(i);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < rows.getFirst().size(); c++) {
                row.put(rows.getFirst().get(c), rows.get(i + 1).get(c));
            }
            for (String column : AuditExportWriter.CSV_COLUMNS) {
                Object value = expected.get(column);
                String cell = row.get(column);
                if (value == null) {
                    assertThat(cell).as(column).isEmpty();
                }
                else if (value instanceof Map<?, ?>) {
                    assertThat(json.readValue(cell, MAP)).as(column).isEqualTo(value);
                }
                else if ("=+-@".indexOf(value.toString().charAt(0)) >= 0) {
                    // Formula guard: a spreadsheet shows the text instead of running it.
                    assertThat(cell).as(column).isEqualTo("'" + value);
                }
                else {
                    assertThat(cell).as(column).isEqualTo(value.toString());
                }
            }
        }

        assertThat(export(owner, org.toString(), "xml").getStatusCode().value()).isEqualTo(400);
        // The export itself is audited (not the reads).
        await().atMost(Duration.ofSeconds(30)).until(() -> targets(owner, org, "action=audit.exported").size() == 2);
    }

    @Test
    void onlyOwnersAndAdminsReadTheLog() {
        Account owner = api.register();
        String org = createOrganization(owner);
        Map<String, Account> people = new LinkedHashMap<>();
        people.put("owner", owner);
        for (String role : List.of("admin", "developer", "viewer")) {
            Account member = api.register();
            assertThat(api.post("/api/v1/organizations/" + org + "/members",
                    Map.of("email", member.email(), "role", role), owner.accessToken()).getStatusCode().value())
                    .isEqualTo(201);
            people.put(role, member);
        }
        people.put("outsider", api.register());
        Map<String, Integer> expected = Map.of("owner", 200, "admin", 200, "developer", 403, "viewer", 403,
                "outsider", 404);
        Map<String, String> types = Map.of("developer", "insufficient-role", "viewer", "insufficient-role",
                "outsider", "organization-not-found");
        Map<String, Integer> listed = new HashMap<>();
        Map<String, Integer> exported = new HashMap<>();
        people.forEach((name, person) -> {
            ResponseEntity<Map<String, Object>> answer = list(person, org, "");
            listed.put(name, answer.getStatusCode().value());
            if (types.containsKey(name)) {
                assertThat((String) answer.getBody().get("type")).as(name).endsWith(types.get(name));
            }
            exported.put(name, export(person, org, "csv").getStatusCode().value());
        });
        assertThat(listed).isEqualTo(expected);
        assertThat(exported).isEqualTo(expected);
        assertThat(http.get().uri("/api/v1/organizations/" + org + "/audit").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(401);
    }

    private String createOrganization(Account owner) {
        return (String) api.post("/api/v1/organizations", Map.of("name", "Audit " + UUID.randomUUID()),
                owner.accessToken()).getBody().get("id");
    }

    private ResponseEntity<Map<String, Object>> list(Account who, String org, String query) {
        return http.get().uri("/api/v1/organizations/" + org + "/audit?" + query)
                .header("Authorization", "Bearer " + who.accessToken()).retrieve().toEntity(TestApi.JSON);
    }

    private ResponseEntity<String> export(Account who, String org, String formatAndQuery) {
        return http.get().uri("/api/v1/organizations/" + org + "/audit/export?format=" + formatAndQuery)
                .header("Authorization", "Bearer " + who.accessToken()).retrieve().toEntity(String.class);
    }

    private List<Object> targets(Account who, UUID org, String query) {
        return items(list(who, org.toString(), query).getBody()).stream().map(item -> item.get("targetId")).toList();
    }

    private long count(UUID organization, UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE organization_id = ? AND event_id = ?")
                .params(organization, eventId).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ResponseEntity<Map<String, Object>> answer) {
        return items(answer.getBody());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static AuditRecorded entry(UUID organization, String action, String targetType, String targetId,
            Instant at) {
        return new AuditRecorded(UUID.randomUUID(), at, organization, "deployer-service", "user", UUID.randomUUID(),
                action, targetType, targetId, null, Map.of("name", "x"), "req", "203.0.113.1", "test");
    }

    /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    }
                    else if (c == '"') {
                        quoted = false;
                    }
                    else {
                        cell.append(c);
                    }
                }
                else if (c == '"') {
                    quoted = true;
                }
                else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                }
                else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                }
                else {
                    cell.append(c);
                }
            }
            assertThat(cell).isEmpty();
            assertThat(row).isEmpty();
            return rows;
        }
    }
}
