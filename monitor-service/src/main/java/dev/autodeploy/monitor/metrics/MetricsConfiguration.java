package dev.autodeploy.monitor.metrics;

import dev.autodeploy.support.provider.ProviderProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Binds the shared provider catalog and the metrics settings; the gauges refresh on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ ProviderProperties.class, CostProperties.class, MetricsProperties.class })
class MetricsConfiguration {

    @Bean
    CostCalculator costCalculator(ProviderProperties catalog, CostProperties properties) {
        return new CostCalculator(catalog, properties);
    }
}
