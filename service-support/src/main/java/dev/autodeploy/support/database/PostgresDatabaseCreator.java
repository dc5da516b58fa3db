package dev.autodeploy.support.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Creates the service's Postgres database when it does not exist yet, before anything (Flyway
 * first) uses the {@link DataSource}. Each service owns one database; operators should not have
 * to create it by hand on a fresh machine.
 */
public class PostgresDatabaseCreator implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabaseCreator.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private final Environment environment;
    private final DatabaseBootstrapProperties properties;
    private boolean done;

    public PostgresDatabaseCreator(Environment environment, DatabaseBootstrapProperties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && !done && properties.createIfMissing()) {
            String url = environment.getProperty("spring.datasource.url");
            if (url != null && url.startsWith("jdbc:postgresql:")) {
                ensureExists(url);
            }
            done = true;
        }
        return bean;
    }

    private void ensureExists(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalStateException("Refusing to create database with unsafe name in spring.datasource.url");
        }
        String maintenanceUrl = "jdbc:postgresql://" + uri.getRawAuthority() + "/" + properties.maintenanceDatabase()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Properties credentials = new Properties();
        putIfPresent(credentials, "user", environment.getProperty("spring.datasource.username"));
        putIfPresent(credentials, "password", environment.getProperty("spring.datasource.password"));
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials)) {
            if (exists(connection, database)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
                log.info("Created database {}", database);
            }
        }
        catch (SQLException ex) {
            if (!DUPLICATE_DATABASE.equals(ex.getSQLState())) {
                // Not fatal here: the pool will report the real problem (wrong host, no permission) itself.
                log.warn("Could not make sure database {} exists: {}", database, ex.getMessage());
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            return query.executeQuery().next();
        }
    }

    private static void putIfPresent(Properties target, String key, String value) {
        if (value != null && !value.isEmpty()) {
            target.setProperty(key, value);
        }
    }
}
