package dev.autodeploy.deployer.cicd;

import java.time.Duration;

/** STAND-IN until the lead's foundation lands: a provider call that failed. */
public class ProviderCallException extends RuntimeException {

    private final String provider;
    private final int status;
    private final Duration retryAfter;

    public ProviderCallException(String provider, int status, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.provider = provider;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
