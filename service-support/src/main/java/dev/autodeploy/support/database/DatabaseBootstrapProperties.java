package dev.autodeploy.support.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service makes sure its own Postgres database exists before Flyway migrates it.
 *
 * @param createIfMissing create the database named in {@code spring.datasource.url} when it is absent
 * @param maintenanceDatabase database to connect to while creating it
 */
@ConfigurationProperties("autodeploy.database")
public record DatabaseBootstrapProperties(@DefaultValue("true") boolean createIfMissing,
        @DefaultValue("postgres") String maintenanceDatabase) {
}
