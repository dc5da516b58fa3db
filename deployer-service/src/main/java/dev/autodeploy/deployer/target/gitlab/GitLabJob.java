package dev.autodeploy.deployer.target.gitlab;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A job of a pipeline as GitLab's Jobs API returns it (the fields AutoDeploy reads). */
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabJob(long id, String name, String stage, String status, @JsonProperty("allow_failure") boolean allowFailure,
        @JsonProperty("web_url") String webUrl) {

    private static final Set<String> FINISHED = Set.of("success", "failed", "canceled", "skipped");
    private static final Set<String> NOT_STARTED = Set.of("created", "waiting_for_resource", "preparing", "pending",
            "manual", "scheduled", "skipped");

    GitLabJob {
        status = status == null ? "unknown" : status;
        name = name == null ? "job " + id : name;
    }

    boolean finished() {
        return FINISHED.contains(status);
    }

    /** Whether the job ran (or runs) on a runner, so it may have a log. */
    boolean started() {
        return !NOT_STARTED.contains(status);
    }
}
