package dev.autodeploy.deployer.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Databases and roles on the platform's Postgres server, for the local target: created with generated names
 * and passwords only (no user input reaches the SQL), each role owning its database with public access revoked,
 * dropped with the connections still open to it.
 */
@Component
class LocalPostgres {

    /** What names are made of here; checked again before any statement. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SECRET = Pattern.compile("[a-f0-9]{32,128}");

    private final String host;
    private final int port;
    private final String adminUsername;
    private final String adminPassword;
    private final String maintenanceDatabase;
    private final String publicHost;
    private final int connectionLimit;

    LocalPostgres(DatabaseProperties properties, @Value("${spring.datasource.url}") String datasourceUrl,
            @Value("${spring.datasource.username:postgres}") String datasourceUser,
            @Value("${spring.datasource.password:}") String datasourcePassword) {
        URI server = URI.create(datasourceUrl.substring("jdbc:".length()));
        this.host = set(properties.host()) ? properties.host() : server.getHost();
        this.port = properties.port() != null ? properties.port() : server.getPort() > 0 ? server.getPort() : 5432;
        this.adminUsername = set(properties.adminUsername()) ? properties.adminUsername() : datasourceUser;
        this.adminPassword = set(properties.adminPassword()) ? properties.adminPassword() : datasourcePassword;
        this.maintenanceDatabase = properties.maintenanceDatabase();
        this.publicHost = set(properties.publicHost()) ? properties.publicHost() : this.host;
        this.connectionLimit = properties.connectionLimit();
    }

    String host() {
        return publicHost;
    }

    int port() {
        return port;
    }

    /** Creates the role (login, with the password) and its own database. Idempotent for the same name. */
    void create(String name, String password) throws SQLException {
        requireName(name);
        if (!SECRET.matcher(password).matches()) {
            throw new IllegalArgumentException("Generated passwords are hex");
        }
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                statement.execute("CREATE ROLE \"" + name + "\" LOGIN PASSWORD '" + password + "' CONNECTION LIMIT "
                        + connectionLimit);
            }
            else {
                statement.execute("ALTER ROLE \"" + name + "\" LOGIN PASSWORD '" + password + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                statement.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
            }
            statement.execute("REVOKE ALL ON DATABASE \"" + name + "\" FROM PUBLIC");
        }
    }

    /** Drops the database (ending its connections) and its role; nothing happens for what is not there. */
    void drop(String name) throws SQLException {
        requireName(name);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS \"" + name + "\"");
        }
    }

    boolean exists(String name) throws SQLException {
        requireName(name);
        try (Connection connection = admin()) {
            return exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)
                    && exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name);
        }
    }

    /** What Postgres counts for the database now. */
    record Usage(long sizeBytes, int connections, int connectionLimit, long commits, long rollbacks,
            Double cacheHitRatio, long deadlocks, Instant measuredAt) {
    }

    Usage usage(String name, Instant now) throws SQLException {
        requireName(name);
        try (Connection connection = admin(); PreparedStatement query = connection.prepareStatement("""
                SELECT pg_database_size(d.datname), s.numbackends, s.xact_commit, s.xact_rollback, s.blks_hit,
                       s.blks_read, s.deadlocks
                FROM pg_database d JOIN pg_stat_database s ON s.datid = d.oid WHERE d.datname = ?""")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("No database " + name, "3D000");
                }
                long hits = rows.getLong(5);
                long reads = rows.getLong(6);
                return new Usage(rows.getLong(1), rows.getInt(2), connectionLimit, rows.getLong(3), rows.getLong(4),
                        hits + reads == 0 ? null : (double) hits / (hits + reads), rows.getLong(7), now);
            }
        }
    }

    /** The connection string apps get. */
    String url(String name, String password) {
        return "postgresql://" + name + ":" + password + "@" + publicHost + ":" + port + "/" + name;
    }

    private Connection admin() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", adminUsername);
        if (adminPassword != null && !adminPassword.isEmpty()) {
            credentials.setProperty("password", adminPassword);
        }
        credentials.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + maintenanceDatabase,
                credentials);
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a generated database name");
        }
    }
}
