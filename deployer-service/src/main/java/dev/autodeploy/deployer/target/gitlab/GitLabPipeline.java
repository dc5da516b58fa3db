package dev.autodeploy.deployer.target.gitlab;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A pipeline as GitLab's Pipelines API returns it (the fields AutoDeploy reads).
 *
 * @param status {@code created, waiting_for_resource, preparing, pending, running, success, failed, canceled,
 *     canceling, skipped, manual, scheduled}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabPipeline(long id, @JsonProperty("project_id") long projectId, String status, String ref, String sha,
        @JsonProperty("web_url") String webUrl) {

    /** Statuses after which a pipeline does nothing more by itself. */
    static final Set<String> FINISHED = Set.of("success", "failed", "canceled", "skipped");

    GitLabPipeline {
        status = status == null ? "unknown" : status;
    }

    boolean finished() {
        return FINISHED.contains(status);
    }
}
