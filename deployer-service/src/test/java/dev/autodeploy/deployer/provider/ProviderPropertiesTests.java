package dev.autodeploy.deployer.provider;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

import dev.autodeploy.support.provider.ProviderProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and validation of {@code autodeploy.providers}, without the rest of the service. */
class ProviderPropertiesTests {

    private static final String PROVIDER = "autodeploy.providers.catalog[0].";

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(ProviderConfiguration.class);

    @Test
    void configRepoCatalogBindsAndPassesValidation() {
        contexts.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(configRepo())).run(context -> {
                    assertThat(context).hasNotFailed();
                    ProviderProperties properties = context.getBean(ProviderProperties.class);
                    assertThat(properties.catalog()).extracting(ProviderProperties.Provider::name)
                            .containsExactly("local", "kubernetes", "jenkins", "github-actions", "gitlab-ci", "vercel",
                                    "render");
                    ProviderProperties.Provider vercel = properties.catalog().get(5);
                    assertThat(vercel.kind()).isEqualTo(ProviderProperties.Kind.PAAS);
                    assertThat(vercel.pricing().asOf()).isEqualTo(LocalDate.parse("2026-09-16"));
                    ProviderProperties.Plan pro = vercel.pricing().plans().get(1);
                    assertThat(pro.price()).isEqualByComparingTo("20");
                    assertThat(pro.unit()).isEqualTo(ProviderProperties.PriceUnit.SEAT);
                    assertThat(pro.compute().unit()).isEqualTo(ProviderProperties.ComputeUnit.HOUR);
                    assertThat(pro.compute().price()).isEqualTo(new BigDecimal("0.128"));
                    assertThat(vercel.pricing().plans().get(2).price()).as("custom-priced Enterprise").isNull();
                });
    }

    @Test
    void aMinimalProviderIsEnough() {
        contexts.withPropertyValues(minimalProvider()).run(context -> {
            assertThat(context).hasNotFailed();
            ProviderProperties.Plan plan = context.getBean(ProviderProperties.class).catalog().getFirst()
                    .pricing().plans().getFirst();
            assertThat(plan.included()).isEmpty();
            assertThat(plan.compute()).isNull();
        });
    }

    @Test
    void providerWithoutANameIsRejected() {
        contexts.withPropertyValues(minimalProvider()).withPropertyValues(PROVIDER + "name=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("catalog[0].name");
        });
    }

    @Test
    void duplicateProviderNamesAreRejected() {
        String second = "autodeploy.providers.catalog[1].";
        contexts.withPropertyValues(minimalProvider())
                .withPropertyValues(Arrays.stream(minimalProvider()).map(entry -> entry.replace(PROVIDER, second))
                        .toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("provider names must be unique");
                });
    }

    @Test
    void unknownKindAndBadCurrencyAreRejected() {
        contexts.withPropertyValues(minimalProvider()).withPropertyValues(PROVIDER + "kind=mainframe")
                .run(context -> assertThat(context).hasFailed());
        contexts.withPropertyValues(minimalProvider()).withPropertyValues(PROVIDER + "pricing.currency=dollars")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pricing.currency");
                });
    }

    @Test
    void aPlanWithANegativePriceIsRejected() {
        contexts.withPropertyValues(minimalProvider()).withPropertyValues(PROVIDER + "pricing.plans[0].price=-1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("plans[0].price");
                });
    }

    private static String[] minimalProvider() {
        return new String[] {
            PROVIDER + "name=example",
            PROVIDER + "display-name=Example",
            PROVIDER + "kind=paas",
            PROVIDER + "description=An example provider.",
            PROVIDER + "documentation-url=https://example.com/docs",
            PROVIDER + "capabilities[0].id=server-apps",
            PROVIDER + "capabilities[0].description=Runs server apps.",
            PROVIDER + "regions[0].id=earth",
            PROVIDER + "regions[0].name=Earth",
            PROVIDER + "regions[0].location=Somewhere",
            PROVIDER + "pricing.currency=USD",
            PROVIDER + "pricing.plans[0].id=free",
            PROVIDER + "pricing.plans[0].name=Free",
            PROVIDER + "pricing.plans[0].price=0",
            PROVIDER + "pricing.plans[0].unit=seat",
            PROVIDER + "pricing.source=https://example.com/pricing",
            PROVIDER + "pricing.as-of=2026-01-31",
        };
    }

    /** The shared file the config server serves to every service (tests run from the module directory). */
    static PropertySource<?> configRepo() {
        try {
            return new YamlPropertySourceLoader()
                    .load("config-repo", new FileSystemResource("../config-repo/application.yml")).getFirst();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
