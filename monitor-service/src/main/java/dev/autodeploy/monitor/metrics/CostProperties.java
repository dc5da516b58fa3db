package dev.autodeploy.monitor.metrics;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which plan of each provider's catalog pricing this installation is on, for cost tracking.
 *
 * @param plans provider name (a deployment's {@code target}) → plan id of the catalog; a provider not listed is
 *        priced by its first plan with a published price
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.cost")
record CostProperties(@DefaultValue Map<@NotBlank String, @NotNull @NotBlank String> plans) {
}
