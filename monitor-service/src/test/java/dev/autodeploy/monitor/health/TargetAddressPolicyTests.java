package dev.autodeploy.monitor.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard of probe and webhook URLs, without Spring (IP literals only: no DNS needed). */
class TargetAddressPolicyTests {

    private final TargetAddressPolicy refusing = new TargetAddressPolicy(properties(false));
    private final TargetAddressPolicy allowing = new TargetAddressPolicy(properties(true));

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/", "http://localhost/", "http://10.1.2.3/", "http://172.16.0.1/",
        "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://100.64.0.1/" })
    void internalAddressesAreRefusedUnlessAllowed(String url) {
        assertThat(refusing.refusal(url)).contains("the host is a loopback, private or link-local address");
        assertThat(allowing.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://8.8.8.8/", "file:///etc/passwd", "http://user:pass@8.8.8.8/", "not a url",
        "http:///path" })
    void otherSchemesCredentialsAndBrokenUrlsAreRefusedEvenWhenPrivateAddressesAreAllowed(String url) {
        assertThat(refusing.refusal(url)).isPresent();
        assertThat(allowing.refusal(url)).isPresent();
    }

    @Test
    void aPublicAddressIsAllowed() {
        assertThat(refusing.refusal("https://8.8.8.8/health")).isEmpty();
        assertThat(refusing.refusal("http://93.184.216.34:8080")).isEmpty();
    }

    private static HealthProperties properties(boolean allowPrivate) {
        return new HealthProperties(true, "/", Duration.ofSeconds(30), Duration.ofSeconds(5), 200, 399, 3, 4096, 100,
                Duration.ofSeconds(5), 50, allowPrivate);
    }
}
