package dev.autodeploy.auth.oauth;

import java.net.URI;
import java.net.http.HttpClient;

import dev.autodeploy.support.redis.RedisKeyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The GitHub and Vercel clients: Boot's {@link RestClient.Builder} (message converters,
 * observations) with the configured timeouts, no redirects followed, HTTP/1.1. Built whether or not
 * a provider is configured; the flows refuse to run for one that is not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OAuthProperties.class, RedisKeyProperties.class })
class OAuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OAuthConfiguration.class);
    private static final String USER_AGENT = "AutoDeploy";

    @Bean
    GitHubClient gitHubClient(RestClient.Builder builder, OAuthProperties properties) {
        OAuthProperties.GitHub github = properties.github();
        if (!github.configured()) {
            log.info("Sign-in with GitHub is off: set autodeploy.oauth.github.client-id, GITHUB_CLIENT_SECRET and "
                    + "autodeploy.oauth.github.redirect-uris to switch it on");
        }
        ClientHttpRequestFactory http = requestFactory(properties);
        RestClient web = client(builder, http, github.webUri()).build();
        RestClient api = client(builder, http, github.apiUri())
                .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
                .defaultHeader("X-GitHub-Api-Version", "2022-11-28")
                .build();
        return new HttpGitHubClient(web, api, github.clientId(), github.clientSecret());
    }

    @Bean
    VercelClient vercelClient(RestClient.Builder builder, OAuthProperties properties) {
        OAuthProperties.Vercel vercel = properties.vercel();
        if (!vercel.configured()) {
            log.info("Connecting Vercel is off: set autodeploy.oauth.vercel.client-id, integration-slug, "
                    + "VERCEL_CLIENT_SECRET and autodeploy.oauth.vercel.redirect-uris to switch it on");
        }
        RestClient api = client(builder, requestFactory(properties), vercel.apiUri()).build();
        return new HttpVercelClient(api, vercel.clientId(), vercel.clientSecret());
    }

    private static RestClient.Builder client(RestClient.Builder builder, ClientHttpRequestFactory http, URI baseUri) {
        return builder.clone().requestFactory(http).baseUrl(baseUri.toString())
                .defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT);
    }

    private static ClientHttpRequestFactory requestFactory(OAuthProperties properties) {
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults()
                        .withTimeouts(properties.connectTimeout(), properties.readTimeout())
                        .withRedirects(HttpRedirects.DONT_FOLLOW));
    }
}
