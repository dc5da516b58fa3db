package dev.autodeploy.deployer.release;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Releases and rollback previews ({@code autodeploy.deployer.releases}).
 *
 * @param previewCommitLimit at most this many commits on either side of a rollback preview's commit range; the
 *         history is read to this depth
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.releases")
record ReleaseProperties(@DefaultValue("100") @Min(1) @Max(1000) int previewCommitLimit) {
}
