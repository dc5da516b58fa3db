package dev.autodeploy.auth.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Each role against each organization operation, invitations, the last-owner rule and tenant isolation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrganizationAccessTests {

    @LocalServerPort
    private int port;

    private RestClient http;

    /** A registered person: email, user id and access token. */
    private record Person(String email, String id, String token) {
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void eachRoleMayDoExactlyWhatItShould() {
        Person owner = register();
        Person admin = register();
        Person developer = register();
        Person viewer = register();
        Person outsider = register();
        String org = create(owner, "Acme " + UUID.randomUUID());
        for (var member : Map.of(admin, "admin", developer, "developer", viewer, "viewer").entrySet()) {
            assertThat(call(owner, HttpMethod.POST, "/api/v1/organizations/" + org + "/members",
                    Map.of("email", member.getKey().email(), "role", member.getValue())).getStatusCode().value())
                    .isEqualTo(201);
        }
        Map<String, Person> people = new LinkedHashMap<>();
        people.put("owner", owner);
        people.put("admin", admin);
        people.put("developer", developer);
        people.put("viewer", viewer);
        people.put("outsider", outsider);
        String base = "/api/v1/organizations/" + org;
        expect(people, HttpMethod.GET, base, null, 200, 200, 200, 200, 404);
        expect(people, HttpMethod.PUT, base, Map.of("name", "Acme Renamed"), 200, 200, 403, 403, 404);
        expect(people, HttpMethod.GET, base + "/members", null, 200, 200, 200, 200, 404);
        expect(people, HttpMethod.GET, base + "/invitations", null, 200, 200, 403, 403, 404);
        expect(people, HttpMethod.POST, base + "/invitations",
                Map.of("email", "dev-" + UUID.randomUUID() + "@example.test", "role", "developer"),
                201, 201, 403, 403, 404);
        expect(people, HttpMethod.POST, base + "/invitations",
                Map.of("email", "own-" + UUID.randomUUID() + "@example.test", "role", "owner"), 201, 403, 403, 403, 404);
        // Member management, each role acting on a member of its own (so no action depends on another).
        int[] add = { 201, 201, 403, 403, 404 };
        int[] changeRole = { 200, 200, 403, 403, 404 };
        int[] remove = { 204, 204, 403, 403, 404 };
        int i = 0;
        for (var person : people.entrySet()) {
            Person newcomer = register();
            assertThat(status(person.getValue(), HttpMethod.POST, base + "/members",
                    Map.of("email", newcomer.email(), "role", "viewer"))).as("add member as %s", person.getKey())
                    .isEqualTo(add[i]);
            Person target = register();
            call(owner, HttpMethod.POST, base + "/members", Map.of("email", target.email(), "role", "viewer"));
            assertThat(status(person.getValue(), HttpMethod.PUT, base + "/members/" + target.id(),
                    Map.of("role", "developer"))).as("change role as %s", person.getKey()).isEqualTo(changeRole[i]);
            assertThat(status(person.getValue(), HttpMethod.DELETE, base + "/members/" + target.id(), null))
                    .as("remove member as %s", person.getKey()).isEqualTo(remove[i]);
            i++;
        }
        // Anyone may leave (the viewer here); an admin manages developers and viewers but cannot touch owners.
        assertThat(status(admin, HttpMethod.PUT, base + "/members/" + viewer.id(), Map.of("role", "developer")))
                .isEqualTo(200);
        assertThat(status(admin, HttpMethod.PUT, base + "/members/" + owner.id(), Map.of("role", "viewer")))
                .isEqualTo(403);
        assertThat(status(developer, HttpMethod.DELETE, base + "/members/" + viewer.id(), null)).isEqualTo(403);
        assertThat(status(viewer, HttpMethod.DELETE, base + "/members/" + viewer.id(), null)).isEqualTo(204);
        assertThat(status(viewer, HttpMethod.GET, base, null)).isEqualTo(404);
        assertThat(status(outsider, HttpMethod.DELETE, base, null)).isEqualTo(404);
        assertThat(status(admin, HttpMethod.DELETE, base, null)).isEqualTo(403);
        assertThat(status(owner, HttpMethod.DELETE, base, null)).isEqualTo(204);
        assertThat(status(owner, HttpMethod.GET, base, null)).isEqualTo(404);
    }

    @Test
    void theLastOwnerCanNeitherLeaveNorBeDemoted() {
        Person owner = register();
        Person second = register();
        String base = "/api/v1/organizations/" + create(owner, "Solo " + UUID.randomUUID());
        ResponseEntity<Map<String, Object>> demote = call(owner, HttpMethod.PUT, base + "/members/" + owner.id(),
                Map.of("role", "admin"));
        assertThat(demote.getStatusCode().value()).isEqualTo(409);
        assertThat(demote.getBody()).containsEntry("type", "https://autodeploy.dev/problems/last-owner");
        assertThat(status(owner, HttpMethod.DELETE, base + "/members/" + owner.id(), null)).isEqualTo(409);

        call(owner, HttpMethod.POST, base + "/members", Map.of("email", second.email(), "role", "owner"));
        assertThat(status(owner, HttpMethod.DELETE, base + "/members/" + owner.id(), null)).isEqualTo(204);
        assertThat(status(owner, HttpMethod.GET, base, null)).isEqualTo(404);
        assertThat(status(second, HttpMethod.GET, base, null)).isEqualTo(200);
    }

    @Test
    void invitationIsForItsEmailOnlyAndSingleUse() {
        Person owner = register();
        Person invitee = register();
        Person someoneElse = register();
        String org = create(owner, "Invites " + UUID.randomUUID());
        Map<String, Object> invitation = call(owner, HttpMethod.POST, "/api/v1/organizations/" + org + "/invitations",
                Map.of("email", invitee.email().toUpperCase(), "role", "developer")).getBody();
        String token = (String) invitation.get("token");
        assertThat(token).isNotBlank();
        // The token is shown once; listings never carry it.
        List<?> listed = http.get().uri("/api/v1/organizations/" + org + "/invitations")
                .header("Authorization", "Bearer " + owner.token()).retrieve().body(List.class);
        assertThat(listed.toString()).doesNotContain(token);

        Map<String, Object> shown = http.get().uri("/api/v1/invitations/" + token).retrieve().body(TestHttp.JSON_OBJECT);
        assertThat(shown).containsEntry("status", "pending").containsEntry("role", "developer");

        assertThat(call(someoneElse, HttpMethod.POST, "/api/v1/invitations/" + token + "/accept", null).getBody())
                .containsEntry("type", "https://autodeploy.dev/problems/invitation-for-someone-else");
        assertThat(status(invitee, HttpMethod.POST, "/api/v1/invitations/" + token + "/accept", null)).isEqualTo(200);
        assertThat(call(invitee, HttpMethod.GET, "/api/v1/organizations/" + org, null).getBody())
                .containsEntry("role", "developer");
        assertThat(status(invitee, HttpMethod.POST, "/api/v1/invitations/" + token + "/accept", null)).isEqualTo(409);
        assertThat(status(invitee, HttpMethod.POST, "/api/v1/invitations/" + token + "/decline", null)).isEqualTo(409);
        assertThat(status(invitee, HttpMethod.POST, "/api/v1/invitations/not-a-token/accept", null)).isEqualTo(404);

        Person declining = register();
        String second = (String) call(owner, HttpMethod.POST, "/api/v1/organizations/" + org + "/invitations",
                Map.of("email", declining.email(), "role", "viewer")).getBody().get("token");
        assertThat(status(declining, HttpMethod.POST, "/api/v1/invitations/" + second + "/decline", null))
                .isEqualTo(200);
        assertThat(status(declining, HttpMethod.GET, "/api/v1/organizations/" + org, null)).isEqualTo(404);
    }

    @Test
    void organizationsAreIsolatedAndListedPerMember() {
        Person alice = register();
        Person bob = register();
        String alices = create(alice, "Alice Org " + UUID.randomUUID());
        String bobs = create(bob, "Bob Org " + UUID.randomUUID());
        assertThat(status(alice, HttpMethod.GET, "/api/v1/organizations/" + bobs, null)).isEqualTo(404);
        assertThat(status(alice, HttpMethod.GET, "/api/v1/organizations/" + bobs + "/members", null)).isEqualTo(404);
        Map<String, Object> page = call(alice, HttpMethod.GET, "/api/v1/organizations", null).getBody();
        assertThat(page.get("content").toString()).contains(alices).doesNotContain(bobs);
        assertThat(status(alice, HttpMethod.GET, "/api/v1/organizations/" + UUID.randomUUID(), null)).isEqualTo(404);
    }

    @Test
    void listingSortedByAnythingButAKnownPropertyIsABadRequest() {
        Person alice = register();
        for (String sort : List.of("-1", "name,asc;", "'x';drop table organization;--", "plan.secret")) {
            ResponseEntity<Map<String, Object>> response = call(alice, HttpMethod.GET,
                    "/api/v1/organizations?sort=" + java.net.URLEncoder.encode(sort, java.nio.charset.StandardCharsets.UTF_8), null);
            assertThat(response.getStatusCode().value()).as(sort).isEqualTo(400);
            assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-sort");
        }
        assertThat(status(alice, HttpMethod.GET, "/api/v1/organizations?sort=createdAt,desc", null)).isEqualTo(200);
    }

    @Test
    void slugsAreUniqueAndValidated() {
        Person owner = register();
        String slug = "team-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(status(owner, HttpMethod.POST, "/api/v1/organizations", Map.of("name", "One", "slug", slug)))
                .isEqualTo(201);
        ResponseEntity<Map<String, Object>> taken = call(owner, HttpMethod.POST, "/api/v1/organizations",
                Map.of("name", "Two", "slug", slug));
        assertThat(taken.getStatusCode().value()).isEqualTo(409);
        assertThat(taken.getBody()).containsEntry("type", "https://autodeploy.dev/problems/slug-taken");
        assertThat(status(owner, HttpMethod.POST, "/api/v1/organizations", Map.of("name", "Bad", "slug", "No Spaces!")))
                .isEqualTo(400);
        assertThat(status(owner, HttpMethod.POST, "/api/v1/organizations/" + UUID.randomUUID() + "/members",
                Map.of("email", "x@example.test", "role", "emperor"))).isEqualTo(400);
    }

    private void expect(Map<String, Person> people, HttpMethod method, String path, Object body, int... statuses) {
        int i = 0;
        for (var person : people.entrySet()) {
            assertThat(status(person.getValue(), method, path, body)).as("%s %s as %s", method, path, person.getKey())
                    .isEqualTo(statuses[i++]);
        }
    }

    private int status(Person person, HttpMethod method, String path, Object body) {
        return request(person, method, path, body).retrieve().toBodilessEntity().getStatusCode().value();
    }

    private ResponseEntity<Map<String, Object>> call(Person person, HttpMethod method, String path, Object body) {
        return request(person, method, path, body).retrieve().toEntity(TestHttp.JSON_OBJECT);
    }

    private RestClient.RequestBodySpec request(Person person, HttpMethod method, String path, Object body) {
        RestClient.RequestBodySpec request = http.method(method).uri(path)
                .header("Authorization", "Bearer " + person.token());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request;
    }

    private String create(Person owner, String name) {
        return (String) call(owner, HttpMethod.POST, "/api/v1/organizations", Map.of("name", name)).getBody().get("id");
    }

    private Person register() {
        String email = "p-" + UUID.randomUUID() + "@example.test";
        Map<String, Object> session = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", "long enough pw", "name", "P")).retrieve().body(TestHttp.JSON_OBJECT);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        return new Person(email, (String) user.get("id"), (String) session.get("accessToken"));
    }
}
