package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the {@code github-actions} target talks to GitHub ({@code autodeploy.deployer.github-actions}).
 *
 * @param apiUrl GitHub's REST API when a connection names no base URL (GitHub Enterprise Server connections
 *        name theirs, {@code https://host/api/v3})
 * @param pollInterval how often a running workflow run and its jobs are read
 * @param runLookupTimeout how long after a dispatch the run it started is looked for (GitHub creates it
 *        asynchronously when it cannot say which run it started)
 * @param runTimeout a run still not finished after this is cancelled and the deployment fails
 * @param cancelTimeout how long a cancelled run is waited for to stop before the deployment ends anyway
 * @param logReadTimeout read timeout of a job's log download (its redirect target, not the API)
 * @param maxLogLines lines of one job's log written into the deployment's log (the rest is counted)
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.github-actions")
record GitHubActionsProperties(@DefaultValue("https://api.github.com") @NotNull URI apiUrl,
        @DefaultValue("5s") @NotNull Duration pollInterval, @DefaultValue("60s") @NotNull Duration runLookupTimeout,
        @DefaultValue("2h") @NotNull Duration runTimeout, @DefaultValue("60s") @NotNull Duration cancelTimeout,
        @DefaultValue("30s") @NotNull Duration logReadTimeout,
        @DefaultValue("5000") @Min(0) @Max(1_000_000) int maxLogLines) {
}
