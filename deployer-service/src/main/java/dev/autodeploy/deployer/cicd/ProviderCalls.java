package dev.autodeploy.deployer.cicd;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/** STAND-IN until the lead's foundation lands: retries retryable provider calls, waiting Retry-After. */
@Component
public class ProviderCalls {

    public <T> T call(String instance, Supplier<T> call) {
        ProviderCallException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return call.get();
            }
            catch (ProviderCallException ex) {
                if (!ex.retryable()) {
                    throw ex;
                }
                last = ex;
                Duration wait = ex.retryAfter() != null ? ex.retryAfter() : Duration.ofMillis(100L << attempt);
                try {
                    Thread.sleep(wait.toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
        throw last;
    }
}
