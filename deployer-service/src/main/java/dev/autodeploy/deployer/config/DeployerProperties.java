package dev.autodeploy.deployer.config;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this deployer keeps its files ({@code autodeploy.deployer.work-directory}): checkouts, the local
 * target's releases and state, and the node id its workers are known by. One directory per deployer replica.
 */
@Validated
@ConfigurationProperties("autodeploy.deployer")
public record DeployerProperties(@NotNull Path workDirectory) {
}
