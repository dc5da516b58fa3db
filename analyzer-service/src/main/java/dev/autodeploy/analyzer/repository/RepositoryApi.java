package dev.autodeploy.analyzer.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the repository endpoints. */
final class RepositoryApi {

    private RepositoryApi() {
    }

    /** {@code POST /api/v1/repositories}: any Git URL; the default branch is asked of the remote when not given. */
    record RegisterRepository(@NotNull UUID organizationId, @NotBlank @Size(max = 2048) String url,
            @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._/+-]+", message = "is not a branch name") String defaultBranch) {

        /** The URL may hold credentials the user should not have sent: never printed. */
        @Override
        public String toString() {
            return "RegisterRepository[organizationId=" + organizationId + ", defaultBranch=" + defaultBranch + "]";
        }
    }

    /** {@code POST /api/v1/repositories/github}: a repository of the user's GitHub account, by {@code owner/name}. */
    record ImportGitHubRepository(@NotNull UUID organizationId,
            @NotBlank @Size(max = 140) @Pattern(regexp = "[A-Za-z0-9-]+/[A-Za-z0-9._-]+", message = "must be owner/name")
            String fullName) {
    }

    record RepositoryView(UUID id, UUID organizationId, String provider, Long githubId, String fullName, String url,
            String defaultBranch, @JsonProperty("private") boolean isPrivate, String language, UUID createdBy,
            Instant createdAt, Instant updatedAt) {
    }

    /** A repository of the user's GitHub account, and whether (as which repository) the organization has it. */
    record GitHubRepositoryView(long githubId, String fullName, String htmlUrl, String cloneUrl, String defaultBranch,
            @JsonProperty("private") boolean isPrivate, String language, String description, Instant updatedAt,
            boolean registered, UUID repositoryId) {
    }

    record GitHubPageMetadata(int number, int size, boolean hasNext, Integer totalPages) {
    }

    record GitHubRepositoryPage(List<GitHubRepositoryView> content, GitHubPageMetadata page) {
    }
}
