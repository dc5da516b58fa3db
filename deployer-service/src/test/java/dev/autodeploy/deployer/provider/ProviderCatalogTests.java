package dev.autodeploy.deployer.provider;

import java.lang.reflect.Proxy;
import java.util.List;

import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.DeployTargets;
import dev.autodeploy.support.provider.ProviderProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog over the config-repo providers, without Spring. */
class ProviderCatalogTests {

    private static final ProviderProperties PROPERTIES = new Binder(
            ConfigurationPropertySources.from(ProviderPropertiesTests.configRepo()))
            .bind("autodeploy.providers", ProviderProperties.class).get();

    @Test
    void providerIsAvailableExactlyWhenTheDeployerHasItsTarget() {
        ProviderCatalog catalog = new ProviderCatalog(PROPERTIES, new DeployTargets(List.of(target("local"))));

        assertThat(catalog.get("local").available()).isTrue();
        assertThat(catalog.list(PageRequest.of(0, 20)).getContent())
                .filteredOn(ProviderApi.ProviderView::available).extracting(ProviderApi.ProviderView::name)
                .containsExactly("local");
    }

    @Test
    void everyProviderIsListedWithoutAnyTarget() {
        ProviderCatalog catalog = new ProviderCatalog(PROPERTIES, new DeployTargets(List.of()));

        Page<ProviderApi.ProviderView> page = catalog.list(PageRequest.of(0, 20));
        assertThat(page.getTotalElements()).isEqualTo(7);
        assertThat(page.getContent()).noneMatch(ProviderApi.ProviderView::available);
    }

    @Test
    void pagesKeepCatalogOrderUnlessSortedByName() {
        ProviderCatalog catalog = new ProviderCatalog(PROPERTIES, new DeployTargets(List.of()));

        assertThat(catalog.list(PageRequest.of(1, 3)).getContent()).extracting(ProviderApi.ProviderView::name)
                .containsExactly("github-actions", "gitlab-ci", "vercel");
        assertThat(catalog.list(PageRequest.of(3, 3)).getContent()).isEmpty();
        assertThat(catalog.list(PageRequest.of(0, 3, Sort.by(Sort.Direction.DESC, "name"))).getContent())
                .extracting(ProviderApi.ProviderView::name).containsExactly("vercel", "render", "local");
        assertThatThrownBy(() -> catalog.list(PageRequest.of(0, 3, Sort.by("kind"))))
                .isInstanceOf(ProviderProblems.InvalidSort.class);
    }

    @Test
    void unknownNameIsNotFound() {
        ProviderCatalog catalog = new ProviderCatalog(PROPERTIES, new DeployTargets(List.of()));

        assertThatThrownBy(() -> catalog.pricing("heroku")).isInstanceOf(ProviderProblems.ProviderNotFound.class);
    }

    /** A target that only has an id: the catalog asks nothing else of it. */
    private static DeployTarget target(String id) {
        return (DeployTarget) Proxy.newProxyInstance(DeployTarget.class.getClassLoader(),
                new Class<?>[] { DeployTarget.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "DeployTarget[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
