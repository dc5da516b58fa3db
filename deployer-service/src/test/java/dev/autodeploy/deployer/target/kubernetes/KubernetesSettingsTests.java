package dev.autodeploy.deployer.target.kubernetes;

import java.util.Map;

import dev.autodeploy.deployer.target.InvalidTargetSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesSettingsTests {

    @Test
    void acceptsAPinnedImageAndFillsInDefaults() {
        KubernetesSettings settings = KubernetesSettings.of(Map.of("image", "ghcr.io/acme/shop:1.4.2"));

        assertThat(settings.replicas()).isEqualTo(1);
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.namespace()).isNull();
        assertThat(settings.requests()).isEmpty();
    }

    @Test
    void acceptsDigestsRegistryPortsAndCommitPlaceholders() {
        for (String image : new String[] { "registry.example.com:5000/team/app:v2",
                "nginx@sha256:" + "0f".repeat(32), "acme/shop:latest@sha256:" + "0f".repeat(32),
                "acme/shop:{shortSha}", "acme/shop:main-{commitSha}", "localhost:5000/a_b/c-d:1" }) {
            KubernetesSettings.of(Map.of("image", image));
        }
        assertThat(ImageReference.resolve("acme/shop:{shortSha}", "0123456789abcdef0123456789abcdef01234567"))
                .isEqualTo("acme/shop:0123456");
        assertThat(ImageReference.parse("nginx@sha256:" + "0f".repeat(32)).pinnedDigest())
                .hasValue("sha256:" + "0f".repeat(32));
    }

    @Test
    void refusesLatestMissingTagsAndMalformedReferences() {
        assertRefused(Map.of("image", "acme/shop:latest"), "latest");
        assertRefused(Map.of("image", "acme/shop"), "no tag or digest");
        assertRefused(Map.of("image", "Acme/Shop:1"), "not a container image reference");
        assertRefused(Map.of("image", "acme/shop:1 --privileged"), "not a container image reference");
        assertRefused(Map.of("image", "acme//shop:1"), "not a container image reference");
        assertRefused(Map.of("image", "acme/shop:-1"), "not a container image reference");
        assertRefused(Map.of("replicas", "2"), "image is required");
    }

    @Test
    void refusesUnknownKeysAndBadValuesSayingWhich() {
        String image = "acme/shop:1";
        assertRefused(Map.of("image", image, "startCommand", "npm start"), "no setting 'startCommand'");
        assertRefused(Map.of("image", image, "replicas", "0"), "replicas must be a whole number from 1 to 50");
        assertRefused(Map.of("image", image, "replicas", "51"), "replicas");
        assertRefused(Map.of("image", image, "port", "70000"), "port");
        assertRefused(Map.of("image", image, "namespace", "Prod_Space"), "namespace must be a DNS label");
        assertRefused(Map.of("image", image, "namespace", "a".repeat(64)), "namespace");
        assertRefused(Map.of("image", image, "ingressHost", "shop.example.com/path"), "ingressHost");
        assertRefused(Map.of("image", image, "healthCheckPath", "healthz"), "healthCheckPath");
        assertRefused(Map.of("image", image, "cpuRequest", "lots"), "cpuRequest must be a positive");
        assertRefused(Map.of("image", image, "memoryLimit", "0Mi"), "memoryLimit");
        assertRefused(Map.of("image", image, "cpuRequest", "2", "cpuLimit", "500m"), "cpuRequest must not be more");
        assertRefused(Map.of("image", image, "providerId", "cluster-1"), "providerId");
    }

    @Test
    void keepsResourcesAsRequestsAndLimits() {
        KubernetesSettings settings = KubernetesSettings.of(Map.of("image", "acme/shop:1", "cpuRequest", "250m",
                "cpuLimit", "1", "memoryRequest", "128Mi", "memoryLimit", "1Gi", "replicas", "3"));

        assertThat(settings.requests()).containsEntry("cpu", "250m").containsEntry("memory", "128Mi");
        assertThat(settings.limits()).containsEntry("cpu", "1").containsEntry("memory", "1Gi");
        assertThat(settings.replicas()).isEqualTo(3);
    }

    private static void assertRefused(Map<String, String> settings, String why) {
        assertThatThrownBy(() -> KubernetesSettings.of(settings)).isInstanceOf(InvalidTargetSettings.class)
                .hasMessageContaining(why);
    }
}
