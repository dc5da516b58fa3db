package dev.autodeploy.auth.organization;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the organization endpoints. */
final class OrganizationApi {

    private OrganizationApi() {
    }

    record CreateOrganization(@NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])", message = "must be 3-63 lowercase letters, digits or dashes")
            String slug,
            @Email @Size(max = 320) String billingEmail) {
    }

    record UpdateOrganization(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String billingEmail) {
    }

    record OrganizationView(UUID id, String name, String slug, String plan, String billingEmail, String role,
            Instant createdAt) {
    }

    record AddMember(@NotBlank @Email String email, @NotNull Role role) {
    }

    record ChangeRole(@NotNull Role role) {
    }

    record MemberView(UUID userId, String email, String name, String role, Instant joinedAt) {
    }

    record Invite(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role) {
    }

    /** {@code token} is only ever shown in the answer to the invite itself (absent everywhere else). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvitationView(UUID id, UUID organizationId, String organizationName, String email, String role,
            String status, Instant expiresAt, String token) {
    }
}
