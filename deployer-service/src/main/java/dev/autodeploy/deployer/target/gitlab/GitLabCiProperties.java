package dev.autodeploy.deployer.target.gitlab;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code gitlab-ci} target ({@code autodeploy.deployer.gitlab-ci}).
 *
 * @param pollInterval how often a running pipeline's status, jobs and new log bytes are fetched
 * @param pipelineTimeout a pipeline still not finished after this long is cancelled and the deployment fails
 *     (one waiting for a manual job waits until then)
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.gitlab-ci")
record GitLabCiProperties(@DefaultValue("true") boolean enabled, @NotNull Duration pollInterval,
        @NotNull Duration pipelineTimeout) {
}
