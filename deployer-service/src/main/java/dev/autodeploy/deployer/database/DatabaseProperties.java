package dev.autodeploy.deployer.database;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the local target makes databases ({@code autodeploy.deployer.databases}): a Postgres server and an
 * account allowed to create databases and roles. Unset host, port, user and password default to the deployer's
 * own datasource (one Postgres server for the platform, as on a laptop).
 *
 * @param publicHost the host apps reach the server by (in their {@code DATABASE_URL})
 * @param namePrefix what every created database and role name starts with
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.databases")
record DatabaseProperties(String host, Integer port, String adminUsername, String adminPassword,
        @DefaultValue("postgres") String maintenanceDatabase, String publicHost,
        @DefaultValue("app_") @Pattern(regexp = "[a-z][a-z0-9_]{0,30}") String namePrefix,
        @DefaultValue("20") int connectionLimit) {

    @Override
    public String toString() {
        return "DatabaseProperties[" + host + ":" + port + ", " + adminUsername + "]";
    }
}
