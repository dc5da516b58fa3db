package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * Inbound webhooks take only deliveries their provider signed (GitHub: {@code X-Hub-Signature-256} HMAC) or
 * tokened (GitLab: {@code X-Gitlab-Token}), and act on each delivery once. The secrets are the suite's
 * ({@code GITHUB_WEBHOOK_SECRET}, {@code GITLAB_WEBHOOK_SECRET} in its secrets.env); a suite without them must refuse
 * every delivery as not configured.
 */
@Tag("security")
@ExtendWith(Suite.class)
class WebhookTests {

    private static final String GITHUB = "/api/v1/webhooks/github";
    private static final String GITLAB = "/api/v1/webhooks/gitlab";

    private Api api;
    private String githubSecret;
    private String gitlabSecret;

    @BeforeEach
    void setUp(Suite suite) {
        api = suite.api();
        Map<String, String> secrets = new SecurityTarget(suite).secrets();
        githubSecret = secrets.get("GITHUB_WEBHOOK_SECRET");
        gitlabSecret = secrets.get("GITLAB_WEBHOOK_SECRET");
    }

    @Test
    void unsignedAndWronglySignedGitHubDeliveriesAreRefused() {
        String body = ping();
        String delivery = UUID.randomUUID().toString();
        Map<String, String> unsigned = github("ping", delivery, null);
        Map<String, String> otherSecret = github("ping", delivery, signature("not-the-secret", body));
        Map<String, String> garbled = github("ping", delivery, "sha256=" + "0".repeat(64));
        Map<String, String> sha1 = github("ping", delivery, null);
        sha1.put("X-Hub-Signature", "sha1=" + "0".repeat(40));
        for (Map<String, String> headers : java.util.List.of(unsigned, otherSecret, garbled, sha1)) {
            assertRefused(api.send("POST", GITHUB, body, headers), githubSecret, "webhook-signature-invalid", "webhook-not-configured");
        }
    }

    @Test
    void aSignedPingIsAnsweredOnceAndItsReplayIsADuplicate() {
        assumeTrue(githubSecret != null, "no GITHUB_WEBHOOK_SECRET in the suite's secrets.env");
        String body = ping();
        String delivery = UUID.randomUUID().toString();
        Api.Response first = api.send("POST", GITHUB, body, github("ping", delivery, signature(githubSecret, body)));
        assertThat(first.expect(200).get("result").asString()).isEqualTo("pong");
        Api.Response replay = api.send("POST", GITHUB, body, github("ping", delivery, signature(githubSecret, body)));
        assertThat(replay.expect(200).get("result").asString()).isEqualTo("duplicate");
        assertThat(replay.json().get("deployments")).isEmpty();
        // A signature over another body does not cover this one.
        Api.Response swapped = api.send("POST", GITHUB, body + " ", github("ping", UUID.randomUUID().toString(), signature(githubSecret, body)));
        assertRefused(swapped, githubSecret, "webhook-signature-invalid", "webhook-not-configured");
    }

    @Test
    void gitLabDeliveriesWithoutTheRightTokenAreRefused() {
        String body = "{\"object_kind\":\"pipeline\",\"object_attributes\":{\"id\":1,\"status\":\"success\"}}";
        for (String token : new String[] {null, "", "wrong-token", gitlabSecret == null ? "x" : gitlabSecret + "x"}) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Gitlab-Event", "Pipeline Hook");
            headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
            if (token != null) {
                headers.put("X-Gitlab-Token", token);
            }
            assertRefused(api.send("POST", GITLAB, body, headers), gitlabSecret, "gitlab-webhook-token-invalid",
                    "gitlab-webhook-not-configured");
        }
    }

    @Test
    void aGitLabDeliveryWithTheTokenIsTakenOnce() {
        assumeTrue(gitlabSecret != null, "no GITLAB_WEBHOOK_SECRET in the suite's secrets.env");
        String body = "{\"object_kind\":\"pipeline\",\"object_attributes\":{\"id\":" + System.nanoTime() + ",\"status\":\"success\"}}";
        Map<String, String> headers = Map.of("X-Gitlab-Event", "Pipeline Hook", "X-Gitlab-Token", gitlabSecret,
                "X-Gitlab-Event-UUID", UUID.randomUUID().toString());
        assertThat(api.send("POST", GITLAB, body, headers).status()).as("an unknown pipeline is ignored").isEqualTo(202);
        assertThat(api.send("POST", GITLAB, body, headers).expect(200).get("status").asString()).isEqualTo("duplicate");
    }

    private static void assertRefused(Api.Response response, String secret, String invalidType, String notConfiguredType) {
        int expected = secret == null ? 503 : 401;
        String type = secret == null ? notConfiguredType : invalidType;
        assertThat(response.status()).as("%s", response).isEqualTo(expected);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/" + type);
    }

    private static String ping() {
        return "{\"zen\":\"Design for failure.\",\"hook_id\":" + System.nanoTime() + ",\"hook\":{\"type\":\"Repository\"}}";
    }

    private static Map<String, String> github(String event, String delivery, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        return headers;
    }

    private static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
