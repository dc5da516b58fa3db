package dev.autodeploy.deployer.cicd;

/**
 * A provider instance's circuit breaker is open: it failed too often lately, so no call is made until it has had
 * time to recover. Not retried.
 */
public class ProviderUnavailable extends ProviderCallException {

    public ProviderUnavailable(String provider, String instance) {
        super(provider, 503, null, provider + " (" + instance + ") failed repeatedly and is given time to recover;"
                + " calls resume shortly");
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
