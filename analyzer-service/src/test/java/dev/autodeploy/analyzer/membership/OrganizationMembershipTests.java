package dev.autodeploy.analyzer.membership;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.analyzer.AnalyzerTest;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.UserRegistered;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * service-support's membership projection in a real service: auth-service's events, sent to the
 * embedded Kafka broker, become this service's view of who may do what in which organization.
 */
class OrganizationMembershipTests extends AnalyzerTest {

    @Autowired
    private OrganizationAccess access;

    @Test
    void memberAddedReRoledAndRemovedIsMirroredFromAuthEvents() {
        UUID organization = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        assertThat(access.roleOf(organization, user)).isEmpty();

        memberships.grant(organization, user, Role.DEVELOPER);
        assertThat(access.require(organization, user, Role.VIEWER)).isEqualTo(Role.DEVELOPER);
        memberships.grant(organization, user, Role.ADMIN);
        assertThat(access.roleOf(organization, user)).contains(Role.ADMIN);
        memberships.remove(organization, user);
        assertThat(access.roleOf(organization, user)).isEmpty();
    }

    @Test
    void deletedUserLosesEveryMembership() {
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        memberships.grant(first, user, Role.OWNER);
        memberships.grant(second, user, Role.VIEWER);
        UUID colleague = member(first, Role.DEVELOPER).userId();

        memberships.deleteUser(user, first);

        assertThat(access.roleOf(second, user)).isEmpty();
        assertThat(access.roleOf(first, colleague)).contains(Role.DEVELOPER);
    }

    @Test
    void aRedeliveredEventIsAppliedOnlyOnceAndAnOlderChangeNeverOverwritesANewerOne() {
        UUID organization = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID grantId = UUID.randomUUID();
        memberships.send(new OrganizationMemberChanged(grantId, Instant.now(), organization, user, null, "admin"));
        memberships.grant(organization, user, Role.VIEWER);

        // The same event id again (even claiming a newer time), and a change dated before the last one.
        memberships.send(new OrganizationMemberChanged(grantId, Instant.now(), organization, user, null, "owner"));
        memberships.send(new OrganizationMemberChanged(UUID.randomUUID(), Instant.now().minusSeconds(3600),
                organization, user, "viewer", "owner"));
        memberships.send(new UserRegistered(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "password"));
        // Same organization, same partition: once this marker is applied, the events before it were too.
        member(organization, Role.DEVELOPER);

        assertThat(access.roleOf(organization, user)).contains(Role.VIEWER);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(grantId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nonMembersAreToldNothingExistsAndWeakRolesAreRefused() {
        Member viewer = member(Role.VIEWER);
        Member stranger = stranger();

        assertThatThrownBy(() -> access.require(viewer.organizationId(), stranger.userId(), Role.VIEWER))
                .isInstanceOf(OrganizationAccess.OrganizationNotFound.class);
        assertThatThrownBy(() -> access.require(viewer.organizationId(), viewer.userId(), Role.DEVELOPER))
                .isInstanceOf(OrganizationAccess.InsufficientRole.class);

        ResponseEntity<Map<String, Object>> hidden = get("/api/v1/repositories?organizationId=" + viewer.organizationId(),
                stranger);
        assertThat(hidden.getStatusCode().value()).isEqualTo(404);
        assertThat(hidden.getBody()).containsEntry("type", "https://autodeploy.dev/problems/organization-not-found");
        ResponseEntity<Map<String, Object>> refused = post("/api/v1/repositories",
                Map.of("organizationId", viewer.organizationId(), "url", "https://example.com/a/b.git"), viewer);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/insufficient-role");
        assertThat(Optional.ofNullable(get("/api/v1/repositories?organizationId=" + viewer.organizationId(), viewer)
                .getStatusCode().value())).contains(200);
    }
}
