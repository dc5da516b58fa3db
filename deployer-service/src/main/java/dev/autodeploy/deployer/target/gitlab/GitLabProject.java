package dev.autodeploy.deployer.target.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A project as GitLab's Projects API returns it (the fields AutoDeploy reads). */
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabProject(long id, @JsonProperty("path_with_namespace") String pathWithNamespace,
        @JsonProperty("web_url") String webUrl, @JsonProperty("default_branch") String defaultBranch) {
}
