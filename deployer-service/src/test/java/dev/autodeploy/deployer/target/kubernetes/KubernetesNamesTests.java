package dev.autodeploy.deployer.target.kubernetes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesNamesTests {

    @Test
    void namesAreLowerCaseLabelsOfProjectAndEnvironment() {
        assertThat(KubernetesNames.resource("shop", "production")).isEqualTo("shop-production");
        assertThat(KubernetesNames.resource("My_Shop", "Feature/Login")).isEqualTo("my-shop-feature-login");
        assertThat(KubernetesNames.resource("42shop", "qa")).isEqualTo("app-42shop-qa");
        assertThat(KubernetesNames.secret("shop-production")).isEqualTo("shop-production-env");
        assertThat(KubernetesNames.namespace("autodeploy-{project}", "shop", "qa")).isEqualTo("autodeploy-shop");
        assertThat(KubernetesNames.namespace("{project}-{environment}", "shop", "qa")).isEqualTo("shop-qa");
    }

    @Test
    void longNamesAreCutAndEndInAHashOfTheWhole() {
        String slug = "a-very-long-project-slug-that-goes-on-and-on-and-on";
        String first = KubernetesNames.resource(slug, "preview-feature-one");
        String second = KubernetesNames.resource(slug, "preview-feature-two");

        assertThat(first).hasSizeLessThanOrEqualTo(59).matches("[a-z]([-a-z0-9]*[a-z0-9])?").isNotEqualTo(second);
        assertThat(KubernetesNames.isLabel(first)).isTrue();
        assertThat(KubernetesNames.isLabel(KubernetesNames.secret(first))).isTrue();
        assertThat(KubernetesNames.resource(slug, "preview-feature-one")).as("stable").isEqualTo(first);
        assertThat(KubernetesNames.namespace("autodeploy-{project}-{environment}", slug, "preview-feature-one"))
                .hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void hostsAreDotSeparatedLabels() {
        assertThat(KubernetesNames.host("{environment}.{project}.apps.example.com", "Shop", "qa"))
                .isEqualTo("qa.shop.apps.example.com");
        assertThat(KubernetesNames.isHost("qa.shop.apps.example.com")).isTrue();
        assertThat(KubernetesNames.isHost("-qa.example.com")).isFalse();
        assertThat(KubernetesNames.isHost("qa.example.com:8080")).isFalse();
    }
}
