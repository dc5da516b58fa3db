package dev.autodeploy.analyzer.engine;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Tells an environment variable's type from its name and from what its values looked like, and writes
 * a description when the project gives none. The checks run in this order, the first that holds wins:
 * <ol>
 * <li>{@code database_connection}: the name ({@code DATABASE_URL}, {@code *_DATABASE_URL}, {@code DB_URL},
 * {@code *_DB_URL}, {@code POSTGRES*_URL}, {@code MONGO*_URI}/{@code _URL}, {@code MYSQL*_URL},
 * {@code REDIS*_URL}) or a value with a database scheme. First, so {@code DATABASE_URL} is not a mere url.</li>
 * <li>{@code port}: {@code PORT}, {@code *_PORT}.</li>
 * <li>{@code url} by name: {@code *_URL}, {@code *_URI}, {@code *_ENDPOINT}, {@code *_HOST}. Before secret, so
 * {@code OAUTH_TOKEN_URL} is a url.</li>
 * <li>{@code secret} by name: ending in {@code _SECRET}, {@code _KEY}, {@code _TOKEN}, {@code _PASSWORD},
 * {@code _PASS}, {@code _PASSWD}, {@code _PWD}, {@code _CREDENTIALS}, {@code _DSN}, {@code _SALT}, or with a
 * {@code SECRET}, {@code PRIVATE} or {@code PASSWORD} part anywhere ({@code SECRET_KEY_BASE}). Never for a
 * browser-exposed name ({@code NEXT_PUBLIC_…}): its value ships to every visitor, so it is not a secret.</li>
 * <li>{@code flag} by name: {@code DEBUG}, {@code *_DEBUG}, {@code *_ENABLED}, {@code ENABLE_*},
 * {@code *_DISABLED}, {@code DISABLE_*}, {@code FEATURE_*}.</li>
 * <li>by value: {@code http(s)://} → {@code url}; true/false/yes/no/on/off → {@code flag}.</li>
 * <li>{@code string}.</li>
 * </ol>
 */
final class EnvClassifier {

    static final String DATABASE = "database_connection";
    static final String URL = "url";
    static final String SECRET = "secret";
    static final String PORT = "port";
    static final String FLAG = "flag";
    static final String STRING = "string";

    /** Prefixes front-end build tools inline into the browser bundle. Longest first: NUXT_PUBLIC_ before PUBLIC_. */
    private static final List<String> BROWSER_PREFIXES = List.of("NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_",
            "REACT_APP_", "GATSBY_", "VITE_", "PUBLIC_");
    private static final Set<String> SECRET_SUFFIXES = Set.of("SECRET", "KEY", "TOKEN", "PASSWORD", "PASS", "PASSWD",
            "PWD", "CREDENTIALS", "CREDENTIAL", "DSN", "SALT", "APIKEY");
    private static final Set<String> SECRET_PARTS = Set.of("SECRET", "PRIVATE", "PASSWORD");
    private static final Set<String> URL_SUFFIXES = Set.of("URL", "URI", "ENDPOINT", "HOST");

    private EnvClassifier() {
    }

    /**
     * The type of {@code key}.
     *
     * @param browser whether browser prefixes mean anything here (a JavaScript project)
     */
    static String type(String key, Collection<EnvSighting.ValueKind> kinds, boolean browser) {
        List<String> parts = List.of(key.split("_"));
        String last = parts.isEmpty() ? key : parts.getLast();
        if (databaseName(key) || kinds.stream().anyMatch(EnvSighting.ValueKind::database)) {
            return DATABASE;
        }
        if (key.equals("PORT") || key.endsWith("_PORT")) {
            return PORT;
        }
        if (URL_SUFFIXES.contains(last)) {
            return URL;
        }
        if (secretName(key, parts, last) && browserPrefix(key, browser) == null) {
            return SECRET;
        }
        if (key.equals("DEBUG") || key.endsWith("_DEBUG") || key.endsWith("_ENABLED") || key.startsWith("ENABLE_")
                || key.endsWith("_DISABLED") || key.startsWith("DISABLE_") || key.startsWith("FEATURE_")) {
            return FLAG;
        }
        if (kinds.contains(EnvSighting.ValueKind.HTTP)) {
            return URL;
        }
        if (kinds.contains(EnvSighting.ValueKind.BOOLEAN)) {
            return FLAG;
        }
        return STRING;
    }

    private static boolean databaseName(String key) {
        return key.equals("DATABASE_URL") || key.endsWith("_DATABASE_URL") || key.equals("DB_URL")
                || key.endsWith("_DB_URL")
                || key.startsWith("POSTGRES") && key.endsWith("_URL")
                || key.startsWith("MONGO") && (key.endsWith("_URI") || key.endsWith("_URL"))
                || key.startsWith("MYSQL") && key.endsWith("_URL")
                || key.startsWith("REDIS") && key.endsWith("_URL");
    }

    private static boolean secretName(String key, List<String> parts, String last) {
        return SECRET_SUFFIXES.contains(last) || parts.stream().anyMatch(SECRET_PARTS::contains)
                || key.equals("API_KEY");
    }

    /** The browser-exposing prefix {@code key} starts with, or null. */
    static String browserPrefix(String key, boolean browser) {
        if (!browser) {
            return null;
        }
        return BROWSER_PREFIXES.stream().filter(key::startsWith).filter(p -> key.length() > p.length()).findFirst()
                .orElse(null);
    }

    /**
     * A description made from what is known when the project gives none; null when nothing useful can be said.
     *
     * @param portDescription what the platform says of {@code PORT}
     */
    static String describe(String key, String type, Collection<EnvSighting.ValueKind> kinds, boolean browser,
            String portDescription) {
        String base = switch (type) {
            case DATABASE -> kinds.stream().filter(EnvSighting.ValueKind::database).map(k -> k.description)
                    .findFirst().orElseGet(() -> databaseByName(key));
            case PORT -> key.equals("PORT") ? portDescription : "Port number";
            case URL -> key.endsWith("_HOST") ? "Host name or address" : "URL";
            case SECRET -> "Secret: keep it in the platform's secret store, never in the repository";
            case FLAG -> "On/off switch (true or false)";
            default -> null;
        };
        String prefix = browserPrefix(key, browser);
        if (prefix == null) {
            return base;
        }
        String exposed = "Exposed to the browser (" + prefix + " prefix)";
        if (secretName(key, List.of(key.split("_")), key.substring(key.lastIndexOf('_') + 1))) {
            return exposed + ": it must not hold a secret";
        }
        return base == null ? exposed : base + ". " + exposed;
    }

    private static String databaseByName(String key) {
        if (key.startsWith("POSTGRES")) {
            return EnvSighting.ValueKind.POSTGRES.description;
        }
        if (key.startsWith("MONGO")) {
            return EnvSighting.ValueKind.MONGODB.description;
        }
        if (key.startsWith("MYSQL")) {
            return EnvSighting.ValueKind.MYSQL.description;
        }
        if (key.startsWith("REDIS")) {
            return EnvSighting.ValueKind.REDIS.description;
        }
        return "Database connection string";
    }
}
