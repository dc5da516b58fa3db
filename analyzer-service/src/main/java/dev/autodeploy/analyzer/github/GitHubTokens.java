package dev.autodeploy.analyzer.github;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * A user's GitHub token, read from auth-service when it is needed (listing, importing, cloning a
 * private repository) and never kept: this service authenticates with its client credentials for a
 * short-lived service token (reused until shortly before it expires), then asks for the user's token.
 * Calls go through the {@code auth-service} circuit breaker.
 */
@Component
public class GitHubTokens {

    private static final Logger log = LoggerFactory.getLogger(GitHubTokens.class);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final AuthServiceApi authService;
    private final AuthClientProperties client;
    private final CircuitBreaker circuitBreaker;
    private final Clock clock;
    private final AtomicReference<AuthServiceApi.ServiceToken> serviceToken = new AtomicReference<>();

    GitHubTokens(AuthServiceApi authService, AuthClientProperties client, CircuitBreakerRegistry circuitBreakers,
            Clock clock) {
        this.authService = authService;
        this.client = client;
        this.circuitBreaker = circuitBreakers.circuitBreaker(GitHubConfiguration.AUTH_SERVICE);
        this.clock = clock;
    }

    /** Whether GitHub features are switched on (client credentials configured). */
    public boolean enabled() {
        return client.configured();
    }

    /** The user's GitHub token; empty when the user has not connected GitHub. */
    public Optional<String> tokenOf(UUID userId) {
        if (!enabled()) {
            throw new GitHubProblems.Unavailable("GitHub is not set up on this server (no auth-service client secret).");
        }
        String authorization = "Bearer " + serviceToken().accessToken();
        try {
            AuthServiceApi.ProviderToken token = call(() -> authService.providerToken(authorization, userId, "github"));
            return Optional.ofNullable(token).map(AuthServiceApi.ProviderToken::accessToken).filter(t -> !t.isBlank());
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                serviceToken.set(null); // expired or signing key rotated: the next call gets a fresh one
            }
            log.warn("auth-service refused the provider token lookup: HTTP {}", ex.getStatusCode().value());
            throw new GitHubProblems.Unavailable("Your GitHub connection cannot be read right now.");
        }
    }

    private AuthServiceApi.ServiceToken serviceToken() {
        AuthServiceApi.ServiceToken current = serviceToken.get();
        if (current != null && current.expiresAt() != null
                && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(current.expiresAt())) {
            return current;
        }
        try {
            AuthServiceApi.ServiceToken fresh = call(() -> authService.serviceToken(
                    new AuthServiceApi.ClientCredentials(client.clientId(), client.clientSecret())));
            if (fresh == null || fresh.accessToken() == null) {
                throw new GitHubProblems.Unavailable("auth-service answered without a service token.");
            }
            serviceToken.set(fresh);
            return fresh;
        }
        catch (HttpClientErrorException ex) {
            log.error("auth-service refused this service's client credentials (HTTP {}): check "
                    + "ANALYZER_SERVICE_CLIENT_SECRET on both services", ex.getStatusCode().value());
            throw new GitHubProblems.Unavailable("Your GitHub connection cannot be read right now.");
        }
    }

    private <T> T call(Supplier<T> request) {
        try {
            return circuitBreaker.executeSupplier(request);
        }
        catch (CallNotPermittedException ex) {
            throw new GitHubProblems.Unavailable("auth-service is failing; try again shortly.");
        }
        catch (HttpClientErrorException ex) {
            throw ex;
        }
        catch (RestClientException ex) {
            log.warn("auth-service call failed: {}", ex.getClass().getSimpleName());
            throw new GitHubProblems.Unavailable("auth-service cannot be reached; try again shortly.");
        }
    }
}
