package dev.autodeploy.monitor.metrics;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.support.provider.ProviderProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cost rules over the shared config-repo catalog, without Spring. */
class CostCalculatorTests {

    private static final ProviderProperties CATALOG = catalog();
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aConfiguredPlanTheCatalogDoesNotListStopsTheService() {
        assertThatThrownBy(() -> new CostCalculator(CATALOG, new CostProperties(Map.of("render", "gigantic"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("autodeploy.monitor.cost.plans.render");
        assertThatThrownBy(() -> new CostCalculator(CATALOG, new CostProperties(Map.of("heroku", "basic"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutConfigurationAProviderIsPricedByItsFirstPlanWithAPrice() {
        CostCalculator costs = new CostCalculator(CATALOG, new CostProperties(Map.of()));

        assertThat(costs.planOf(provider("render")).orElseThrow().id()).isEqualTo("free");
        assertThat(costs.planOf(provider("github-actions")).orElseThrow().id()).isEqualTo("free");
    }

    @Test
    void theLivePeriodOfTheCurrentDeploymentEndsNow() {
        CostCalculator costs = new CostCalculator(CATALOG, new CostProperties(Map.of("render", "standard")));
        DeliveryRun live = new DeliveryRun(UUID.randomUUID(), "production", "deploy", "ready", "render", T, T, T, T);
        MetricsWindow window = new MetricsWindow(T, T.plusSeconds(30 * 86_400L));

        // $25 a month of 730 hours; live 146 hours until now (the window reaches further): 25 * 146 / 730 = 5
        CostCalculator.EnvironmentCost cost = costs.environment("production", List.of(live), window,
                T.plusSeconds(146 * 3600L));

        assertThat(cost.cost()).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(cost.periods().getFirst().to()).isEqualTo(T.plusSeconds(146 * 3600L));
        assertThat(cost.currency()).isEqualTo("USD");
    }

    @Test
    void aRuntimeUsagePriceTheMonitorCannotMeasureIsUnknown() {
        // Vercel Pro: a seat price plus Active CPU hours, which the monitor does not see
        CostCalculator costs = new CostCalculator(CATALOG, new CostProperties(Map.of("vercel", "pro")));
        DeliveryRun live = new DeliveryRun(UUID.randomUUID(), "production", "deploy", "ready", "vercel", T, T, T, T);

        CostCalculator.EnvironmentCost cost = costs.environment("production", List.of(live),
                new MetricsWindow(T, T.plusSeconds(3600)), T.plusSeconds(7200));

        assertThat(cost.cost()).isNull();
        assertThat(cost.periods().getFirst().plan()).isEqualTo("pro");
    }

    private static ProviderProperties.Provider provider(String name) {
        return CATALOG.catalog().stream().filter(provider -> provider.name().equals(name)).findFirst().orElseThrow();
    }

    private static ProviderProperties catalog() {
        try {
            return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                    .load("config-repo", new FileSystemResource("../config-repo/application.yml")).getFirst()))
                    .bind("autodeploy.providers", ProviderProperties.class).get();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
