package dev.autodeploy.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.autodeploy.gateway.GatewayIntegrationTest;
import dev.autodeploy.gateway.ServiceStandIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves the web dashboard built by module {@code web}: the app for every page the browser
 * navigates to, its hashed assets with a long cache, and never the app for API or server paths.
 */
@GatewayIntegrationTest
class WebAppTests {

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/login", "/deployments/0d9c7e4e-1c1f-4f7b-9d55-1f0e6c2b7a10", "/projects/p1/variables",
            "/repositories/new?x=1" })
    void pagesOfTheAppAnswerItsIndexUncachedWithoutAToken(String path) {
        client.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-cache"))
                .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"root\"></div>"));
    }

    @Test
    void theAppIsServedWithAContentSecurityPolicyThatKeepsScriptsAndConnectionsOnThisOrigin() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-eval"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void hashedAssetsAreCachedForAYearAndImmutable() throws IOException {
        String asset = firstScriptOf(new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8));
        client.get().uri(asset).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL,
                        value -> assertThat(value).contains("max-age=31536000", "immutable", "public"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/assets/missing-0000.js", "/favicon-missing.svg" })
    void aMissingFileIsA404NotTheApp(String path) {
        client.get().uri(path).exchange().expectStatus().isNotFound();
    }

    @Test
    void apiPathsAreNeverAnsweredWithTheApp() {
        client.get().uri("/api/v1/no-such-thing").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/actuator/nothing").exchange()
                .expectStatus().value(status -> assertThat(status).isIn(401, 404));
    }

    @Test
    void theFaviconIsServed() {
        client.get().uri("/favicon.svg").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("image/svg+xml");
    }

    private static String firstScriptOf(String html) {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertThat(script.find()).as("index.html names its script").isTrue();
        return script.group(1);
    }
}
