package dev.autodeploy.deployer.project;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Project defaults ({@code autodeploy.deployer.projects}).
 *
 * @param defaultTarget the deploy target a new environment gets when none is named
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.projects")
record ProjectProperties(@DefaultValue("local") @NotBlank String defaultTarget) {
}
