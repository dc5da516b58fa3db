package dev.autodeploy.deployer.release;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Releases and rollback previews ({@code autodeploy.deployer.releases}).
 *
 * @param previewCommitLimit at most this many commits on either side of a rollback preview's commit range; the
 *         history is read to this depth
 * @param previewTimeout how long reading that history may take in all (a user waits for the preview); longer,
 *         and the range is unavailable with the reason
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.releases")
record ReleaseProperties(@DefaultValue("100") @Min(1) @Max(1000) int previewCommitLimit,
        @DefaultValue("15s") @NotNull Duration previewTimeout) {
}
