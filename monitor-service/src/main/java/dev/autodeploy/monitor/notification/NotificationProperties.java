package dev.autodeploy.monitor.notification;

import java.time.Duration;
import java.util.random.RandomGenerator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Per-project notification channels and how their deliveries are sent ({@code autodeploy.notifications}).
 *
 * @param pollInterval how often a replica looks for due deliveries
 * @param batchSize deliveries one replica claims per round
 * @param lease how long a claimed delivery is not taken by another replica (longer than one attempt can take)
 * @param connectTimeout connect timeout of a webhook call
 * @param readTimeout read timeout of a webhook call
 * @param maxAttempts attempts before a delivery is given up (state {@code failed})
 * @param initialBackoff wait after the first failed attempt
 * @param multiplier how much longer each further wait is
 * @param maxBackoff the longest wait between attempts
 * @param jitter the fraction of each wait that is random (0: none; 0.2: the wait is 80–100 % of the computed one)
 * @param dashboardUrl the web dashboard's public base URL; when set, notifications link to the deployment there
 * @param email how email notifications are sent (the SMTP server itself is {@code spring.mail.*})
 */
@Validated
@ConfigurationProperties("autodeploy.notifications")
record NotificationProperties(@NotNull Duration pollInterval, @Min(1) int batchSize, @NotNull Duration lease,
        @NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Min(1) int maxAttempts,
        @NotNull Duration initialBackoff, @DecimalMin("1.0") double multiplier, @NotNull Duration maxBackoff,
        @DecimalMin("0.0") @DecimalMax("1.0") double jitter, String dashboardUrl, @NotNull @Valid Email email) {

    /** @param from the sender address of notification emails */
    record Email(@NotBlank String from) {
    }

    /** The wait before the next attempt after {@code failedAttempts} failed ones (1 for the first failure). */
    Duration backoff(int failedAttempts, RandomGenerator random) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        millis = Math.min(millis, maxBackoff.toMillis());
        // jitter spreads the retries of many deliveries that failed together (a receiver down) over time
        millis -= millis * jitter * random.nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(millis)));
    }

    String deploymentLink(java.util.UUID deploymentId) {
        if (dashboardUrl == null || dashboardUrl.isBlank() || deploymentId == null) {
            return null;
        }
        return dashboardUrl.replaceFirst("/+$", "") + "/deployments/" + deploymentId;
    }
}
