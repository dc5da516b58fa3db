package dev.autodeploy.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressResolverTests {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 51234);

    @Test
    void usesTheConnectionsPeerAndIgnoresForwardedForUnlessBehindATrustedProxy() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/v1/auth/login").remoteAddress(PEER)
                .header(ClientAddressResolver.FORWARDED_FOR, "203.0.113.7").build();
        assertThat(resolver(false).clientAddress(request)).isEqualTo("192.0.2.10");
    }

    @Test
    void behindATrustedProxyUsesTheHopThatProxyAppended() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/v1/auth/login").remoteAddress(PEER)
                .header(ClientAddressResolver.FORWARDED_FOR, "198.51.100.66, 203.0.113.7").build();
        assertThat(resolver(true).clientAddress(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyFallsBackToThePeerWhenTheHeaderIsMissingOrNotAnAddress() {
        MockServerHttpRequest missing = MockServerHttpRequest.get("/").remoteAddress(PEER).build();
        MockServerHttpRequest garbage = MockServerHttpRequest.get("/").remoteAddress(PEER)
                .header(ClientAddressResolver.FORWARDED_FOR, "unknown; drop table").build();
        assertThat(resolver(true).clientAddress(missing)).isEqualTo("192.0.2.10");
        assertThat(resolver(true).clientAddress(garbage)).isEqualTo("192.0.2.10");
    }

    private static ClientAddressResolver resolver(boolean behindTrustedProxy) {
        return new ClientAddressResolver(new RateLimitProperties(null, null, null, null, behindTrustedProxy,
                Duration.ofMillis(500), Duration.ofMinutes(1)));
    }
}
