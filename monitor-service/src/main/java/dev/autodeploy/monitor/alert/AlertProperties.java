package dev.autodeploy.monitor.alert;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Alert rules, alerts and their webhook notifications ({@code autodeploy.monitor.alerts}).
 *
 * @param evaluationInterval how often {@code health-check-failing} rules are evaluated
 * @param healthFailingUnit how long one of a {@code health-check-failing} rule's {@code minutes} is: a minute,
 *        shortened in tests only
 * @param delivery how webhooks are sent
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.alerts")
public record AlertProperties(@NotNull Duration evaluationInterval, @NotNull Duration healthFailingUnit,
        @NotNull @Valid Delivery delivery) {

    /**
     * @param pollInterval how often a replica looks for due deliveries
     * @param batchSize deliveries one replica claims per round
     * @param lease how long a claimed delivery is not taken by another replica (longer than a call can take)
     * @param connectTimeout connect timeout of a webhook call
     * @param readTimeout read timeout of a webhook call
     * @param maxAttempts attempts before a delivery is given up (state {@code failed})
     * @param backoffInitial wait after the first failed attempt, doubled after each further one
     * @param backoffMax the longest wait between attempts
     */
    public record Delivery(@NotNull Duration pollInterval, @Min(1) int batchSize, @NotNull Duration lease,
            @NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Min(1) int maxAttempts,
            @NotNull Duration backoffInitial, @NotNull Duration backoffMax) {

        Duration backoff(int failedAttempts) {
            Duration wait = backoffInitial;
            for (int i = 1; i < failedAttempts && wait.compareTo(backoffMax) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
        }
    }
}
