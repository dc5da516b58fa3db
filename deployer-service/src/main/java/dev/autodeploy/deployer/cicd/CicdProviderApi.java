package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of {@code /api/v1/cicd-providers}. */
final class CicdProviderApi {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}";

    private CicdProviderApi() {
    }

    /**
     * {@code POST /api/v1/cicd-providers}: a provider instance of the organization. {@code secret} (an API token or
     * password) is stored encrypted and never returned.
     */
    record CreateProvider(@NotNull UUID organizationId,
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}", message = "is not a provider type") String type,
            @NotBlank @Pattern(regexp = NAME, message = "must be letters, digits, spaces, dots, dashes (at most 100)")
            String name,
            URI baseUrl, @Size(max = 255) String username, @Size(max = 16384) String secret,
            Map<@Size(max = 100) String, @Size(max = 8192) String> settings) {

        @Override
        public String toString() {
            return "CreateProvider[" + type + " " + name + " " + baseUrl + "]";
        }
    }

    /** {@code PUT /api/v1/cicd-providers/{id}}: what is given changes, what is absent stays. */
    record UpdateProvider(
            @Pattern(regexp = NAME, message = "must be letters, digits, spaces, dots, dashes (at most 100)")
            String name,
            URI baseUrl, @Size(max = 255) String username, @Size(max = 16384) String secret,
            Map<@Size(max = 100) String, @Size(max = 8192) String> settings) {

        @Override
        public String toString() {
            return "UpdateProvider[" + name + " " + baseUrl + "]";
        }
    }

    /** A registered provider; {@code hasSecret} says whether one is stored, the secret itself never leaves. */
    record ProviderView(UUID id, UUID organizationId, String type, String name, URI baseUrl, String username,
            boolean hasSecret, Map<String, String> settings, String status, Instant lastCheckedAt, UUID createdBy,
            Instant createdAt, Instant updatedAt) {
    }

    /** The outcome of {@code POST /api/v1/cicd-providers/{id}/test}. */
    record ConnectionTest(boolean ok, String status, String detail, Instant checkedAt) {
    }
}
