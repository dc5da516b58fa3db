package dev.autodeploy.gateway.web;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway serves the web dashboard: the Content-Security-Policy of every answer and how long
 * browsers keep the content-hashed files under {@code /assets/}.
 */
@Validated
@ConfigurationProperties("autodeploy.web")
public record WebAppProperties(@NotBlank String contentSecurityPolicy, @NotNull Duration assetMaxAge) {
}
