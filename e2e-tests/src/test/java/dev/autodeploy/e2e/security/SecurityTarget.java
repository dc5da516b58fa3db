package dev.autodeploy.e2e.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * Where the security drills reach past the gateway: every service's own port (each is a resource server and must
 * check for itself), the suite's generated secrets and its auth database. Each can be moved with a system property
 * or an environment variable, for a suite that does not run on the default ports.
 */
final class SecurityTarget {

    /** The four resource servers and their default ports. */
    static final Map<String, Integer> SERVICES = services();

    private final Suite suite;

    SecurityTarget(Suite suite) {
        this.suite = suite;
    }

    private static Map<String, Integer> services() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("auth-service", 8081);
        services.put("analyzer-service", 8082);
        services.put("deployer-service", 8083);
        services.put("monitor-service", 8084);
        return services;
    }

    /** A service's own base URL: {@code -Dautodeploy.<service>.url} or {@code AUTODEPLOY_<SERVICE>_URL}, else localhost. */
    URI service(String name) {
        String env = "AUTODEPLOY_" + name.replace("-service", "").toUpperCase() + "_URL";
        String url = setting("autodeploy." + name + ".url", env).orElse("http://localhost:" + SERVICES.get(name));
        return URI.create(url);
    }

    Api direct(String name) {
        return new Api(service(name));
    }

    /**
     * The suite's generated secrets ({@code KEY=value} lines): {@code AUTODEPLOY_SECRETS_FILE}, else the checkout's
     * {@code .autodeploy/secrets.env}. Empty when the file is not there.
     */
    Map<String, String> secrets() {
        Path file = setting("autodeploy.secrets.file", "AUTODEPLOY_SECRETS_FILE").map(Path::of)
                .orElse(suite.root().resolve(".autodeploy/secrets.env"));
        Map<String, String> secrets = new LinkedHashMap<>();
        if (!Files.isReadable(file)) {
            return secrets;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    secrets.put(line.substring(0, equals).trim(), unquote(line.substring(equals + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    /** JDBC URL of a service's database on the machine Postgres: {@code -Dautodeploy.jdbc.<db>} overrides. */
    String jdbc(String database) {
        return setting("autodeploy.jdbc." + database, "AUTODEPLOY_JDBC_" + database.toUpperCase())
                .orElse("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1) : value;
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
