package dev.autodeploy.gateway.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Serves the web dashboard (module {@code web}, on the classpath as {@code static/}): its content-hashed
 * files under {@code /assets/} cached for a long time, everything else the browser navigates to answered
 * with {@code index.html} (never cached) so that a deep link such as {@code /deployments/<id>} opens the
 * app, whose router shows the page. API, actuator and OpenAPI paths are never answered with the app.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebAppProperties.class)
class WebAppConfiguration implements WebFluxConfigurer {

    private static final List<String> NOT_THE_APP = List.of("/api/", "/actuator", "/v3/", "/.well-known/", "/assets/",
            "/webjars/");

    private final WebAppProperties properties;

    WebAppConfiguration(WebAppProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(properties.assetMaxAge()).cachePublic().immutable());
    }

    @Bean
    RouterFunction<ServerResponse> webAppPages(@Value("classpath:/static/index.html") Resource index) {
        RequestPredicate appPage = GET("/**").and(WebAppConfiguration::isAppPage);
        return RouterFunctions.route(appPage, request -> index.exists()
                ? ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .header(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue())
                        .bodyValue(index)
                : ServerResponse.notFound().build());
    }

    /** A path of the app's router: not a server path, and no file name (those are served or 404). */
    static boolean isAppPage(ServerRequest request) {
        String path = request.path();
        if (NOT_THE_APP.stream().anyMatch(path::startsWith) || path.equals("/api") || path.equals("/v3")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
