package dev.autodeploy.analyzer.analysis;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of the analysis endpoints. */
final class AnalysisApi {

    private AnalysisApi() {
    }

    /**
     * {@code POST /api/v1/repositories/{id}/analyze} (seed 001): a branch (default: the repository's default
     * branch) or an exact commit; {@code force} analyzes again although a completed analysis of the commit exists.
     */
    record AnalyzeRequest(
            @Size(max = 255) @Pattern(regexp = "(?!-)(?!.*\\.\\.)[A-Za-z0-9._/+-]+", message = "is not a branch name")
            String branch,
            @Pattern(regexp = "[0-9a-f]{40}|[0-9a-f]{64}", message = "must be a full commit id (40 lowercase hex digits)")
            String commit,
            Boolean force) {

        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    record RepositoryRef(UUID id, String fullName, String defaultBranch) {
    }

    /** Seed 001's framework block, with the catalog id and whether it runs as a server or static files. */
    record FrameworkView(String id, String name, String version, Double confidence, String kind) {
    }

    /**
     * An analysis in seed 001's response shape, plus its job state and the engine's full result
     * ({@code rootDirectory}: where the primary app's commands run, "" for the repository root). The
     * result fields are null until it has completed.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AnalysisView(UUID id, RepositoryRef repository, String status, String branch, String commit,
            String engineVersion, FrameworkView framework, String language, String packageManager,
            JsonNode buildConfiguration, JsonNode environmentVariables, JsonNode dependencies,
            JsonNode recommendations, Boolean monorepo, String rootDirectory, JsonNode apps, JsonNode evidence,
            JsonNode warnings, String failureReason, Instant createdAt, Instant startedAt, Instant completedAt) {
    }
}
