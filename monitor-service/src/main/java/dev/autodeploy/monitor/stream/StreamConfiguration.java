package dev.autodeploy.monitor.stream;

import java.util.concurrent.Executors;

import dev.autodeploy.support.redis.RedisKeyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The live streams: {@code /api/v1/deployments/{id}/logs/stream} and {@code .../status/stream} over WebSocket, their
 * own security chain (the handshake's token and access are checked by {@link StreamHandshake}, since a browser can
 * send no header on an upgrade), and the Redis subscription that feeds them from every replica.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties({ StreamProperties.class, RedisKeyProperties.class })
class StreamConfiguration implements WebSocketConfigurer {

    static final String LOGS = "/api/v1/deployments/*/logs/stream";
    static final String STATUS = "/api/v1/deployments/*/status/stream";

    private static final RequestMatcher STREAM_PATHS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(LOGS),
            PathPatternRequestMatcher.withDefaults().matcher(STATUS));

    private final StreamHandlers handlers;
    private final StreamHandshake handshake;

    StreamConfiguration(StreamHandlers handlers, StreamHandshake handshake) {
        this.handlers = handlers;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Any origin: the streams are authorized by a token the page must hold, never by a cookie, so a foreign
        // page cannot ride on a user's session.
        registry.addHandler(handlers.logs(), LOGS).addHandler(handlers.status(), STATUS)
                .addInterceptors(handshake).setAllowedOriginPatterns("*");
    }

    /** Only the two handshakes (GET): the rest of {@code /api/**} stays behind the bearer-token chain. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain streamSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                        && STREAM_PATHS.matches(request))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** One thread delivers what Redis brings, so each deployment's lines reach its clients in the order published. */
    @Bean
    RedisMessageListenerContainer streamSubscriptions(RedisConnectionFactory redis, StreamFanOut fanOut) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(new TaskExecutorAdapter(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("stream-deliver").daemon().factory())));
        fanOut.channels().forEach(channel -> container.addMessageListener(fanOut, new ChannelTopic(channel)));
        return container;
    }
}
