package dev.autodeploy.analyzer.github;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The two HTTP service groups: {@code auth-service} (base URL, timeouts in
 * {@code spring.http.serviceclient.auth-service.*}; {@code lb://auth-service} resolves through Eureka)
 * and {@code github} ({@code spring.http.serviceclient.github.*}, GitHub's REST API or a GitHub
 * Enterprise Server's). GitHub's media type and API version go on every request from here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthClientProperties.class)
@ImportHttpServices(group = GitHubConfiguration.AUTH_SERVICE, types = AuthServiceApi.class)
@ImportHttpServices(group = GitHubConfiguration.GITHUB, types = GitHubApi.class)
class GitHubConfiguration {

    static final String AUTH_SERVICE = "auth-service";
    static final String GITHUB = "github";
    static final String API_VERSION = "2022-11-28";

    @Bean
    RestClientHttpServiceGroupConfigurer gitHubHeaders() {
        return groups -> groups.filterByName(GITHUB).forEachClient(
                (HttpServiceGroupConfigurer.ClientCallback<RestClient.Builder>) (group, builder) -> builder
                        .defaultHeader("Accept", "application/vnd.github+json")
                        .defaultHeader("X-GitHub-Api-Version", API_VERSION)
                        .defaultHeader("User-Agent", "AutoDeploy"));
    }
}
