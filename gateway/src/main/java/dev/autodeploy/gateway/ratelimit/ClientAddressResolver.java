package dev.autodeploy.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from: the connection's peer, or — behind a trusted proxy — the
 * last {@code X-Forwarded-For} hop, which that proxy appended. Earlier hops are whatever the
 * client chose to send and would let it pick a fresh identity per request.
 */
@Component
class ClientAddressResolver {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final boolean behindTrustedProxy;

    ClientAddressResolver(RateLimitProperties properties) {
        this.behindTrustedProxy = properties.behindTrustedProxy();
    }

    String clientAddress(ServerHttpRequest request) {
        if (behindTrustedProxy) {
            String forwarded = lastForwardedHop(request.getHeaders().getValuesAsList(FORWARDED_FOR));
            if (forwarded != null) {
                return forwarded;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static String lastForwardedHop(List<String> hops) {
        if (hops.isEmpty()) {
            return null;
        }
        String last = hops.getLast().trim();
        return IP_ADDRESS.matcher(last).matches() ? last : null;
    }
}
