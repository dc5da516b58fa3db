package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Jenkins target follows builds ({@code autodeploy.deployer.jenkins}).
 *
 * @param callbackBaseUrl AutoDeploy's public URL as Jenkins agents reach it (the gateway); pipelines report their
 *     stages, log and outcome to {@code <callbackBaseUrl>/api/v1/webhooks/jenkins/<deployment>}
 * @param pollInterval how often the queue item, the build's status and its log are read
 * @param queueTimeout how long a build may wait in Jenkins' queue (no free agent) before the deployment fails
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.jenkins")
record JenkinsTargetProperties(@NotNull URI callbackBaseUrl, @DefaultValue("2s") @NotNull Duration pollInterval,
        @DefaultValue("30m") @NotNull Duration queueTimeout) {
}
