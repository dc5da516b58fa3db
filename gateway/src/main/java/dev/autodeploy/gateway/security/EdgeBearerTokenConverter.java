package dev.autodeploy.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the bearer token of a request: none on public paths (a webhook's or CI callback's own
 * {@code Authorization} header is not ours to judge), the header or the {@code access_token}
 * query parameter on the stream paths, the {@code Authorization} header everywhere else.
 */
final class EdgeBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter headerOnly = new ServerBearerTokenAuthenticationConverter();
    private final ServerBearerTokenAuthenticationConverter headerOrQuery = new ServerBearerTokenAuthenticationConverter();

    EdgeBearerTokenConverter() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return EdgePaths.PUBLIC.matches(exchange).flatMap(publicPath -> publicPath.isMatch() ? Mono.empty()
                : EdgePaths.STREAMS.matches(exchange).flatMap(stream -> (stream.isMatch() ? headerOrQuery : headerOnly)
                        .convert(exchange)));
    }
}
