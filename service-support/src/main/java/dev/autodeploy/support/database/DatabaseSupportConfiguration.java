package dev.autodeploy.support.database;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.context.properties.bind.Binder;

/** Database bootstrap and idempotent-consumer support for every application service. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
public class DatabaseSupportConfiguration {

    @Bean
    static PostgresDatabaseCreator postgresDatabaseCreator(Environment environment) {
        // Bound by hand: a BeanPostProcessor is created before configuration-properties binding is available.
        DatabaseBootstrapProperties properties = Binder.get(environment)
                .bindOrCreate("autodeploy.database", DatabaseBootstrapProperties.class);
        return new PostgresDatabaseCreator(environment, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    ProcessedEvents processedEvents(JdbcClient jdbcClient, Clock clock) {
        return new ProcessedEvents(jdbcClient, clock);
    }
}
