package dev.autodeploy.analyzer.repository;

import java.util.UUID;

/**
 * A registered repository as other features see it (the entity stays inside this package).
 *
 * @param provider {@code github} (imported: private ones are read with the user's GitHub token) or {@code git}
 */
public record RepositorySummary(UUID id, UUID organizationId, String provider, String fullName, String url,
        String defaultBranch, boolean isPrivate) {

    public boolean fromGitHub() {
        return "github".equals(provider);
    }
}
