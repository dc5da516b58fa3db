package dev.autodeploy.analyzer.engine;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One place a project names an environment variable. It never carries the variable's value: a value
 * seen in an example file or a default in code is reduced to a {@link ValueKind} where it is read,
 * so no value can reach the analysis.
 *
 * @param key the variable's name, already checked by {@link #isKey}
 * @param source {@code path:line}
 * @param hasDefault true when this place supplies a value if the variable is unset (a default in
 *        code, an example file's comment saying it is optional)
 * @param kinds what the value or default looked like, for classification
 * @param comment the example file's comment for it, already cleaned of values, or null
 */
record EnvSighting(String key, String source, boolean hasDefault, Set<EnvSighting.ValueKind> kinds,
        String comment) {

    /**
     * Names reported: upper case, digits and underscores, at most 128 characters, with a letter.
     * Anything else (lower case, dots, a hostile repository's oddities) is dropped where it is found.
     */
    private static final Pattern KEY = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    EnvSighting {
        kinds = Set.copyOf(kinds);
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches() && key.chars().anyMatch(Character::isLetter);
    }

    /** What a value looks like, the only thing kept of it. */
    enum ValueKind {
        POSTGRES("PostgreSQL connection string"),
        MYSQL("MySQL connection string"),
        MONGODB("MongoDB connection string"),
        REDIS("Redis connection string"),
        SQLITE("SQLite database file"),
        HTTP(null),
        BOOLEAN(null);

        final String description;

        ValueKind(String description) {
            this.description = description;
        }

        boolean database() {
            return description != null;
        }

        /** The kind of a literal value, or null when it says nothing. */
        static ValueKind of(String value) {
            if (value == null) {
                return null;
            }
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (v.startsWith("postgres://") || v.startsWith("postgresql://") || v.startsWith("jdbc:postgresql:")
                    || v.startsWith("postgresql+")) {
                return POSTGRES;
            }
            if (v.startsWith("mysql://") || v.startsWith("mysql2://") || v.startsWith("jdbc:mysql:")
                    || v.startsWith("mysql+") || v.startsWith("mariadb://")) {
                return MYSQL;
            }
            if (v.startsWith("mongodb://") || v.startsWith("mongodb+srv://")) {
                return MONGODB;
            }
            if (v.startsWith("redis://") || v.startsWith("rediss://")) {
                return REDIS;
            }
            if (v.startsWith("sqlite:") || v.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (v.startsWith("http://") || v.startsWith("https://")) {
                return HTTP;
            }
            return switch (v) {
                case "true", "false", "yes", "no", "on", "off" -> BOOLEAN;
                default -> null;
            };
        }

        /** The kind a Prisma datasource {@code provider} implies for the URLs it reads. */
        static ValueKind ofPrismaProvider(String provider) {
            return switch (provider) {
                case "postgresql", "postgres", "cockroachdb" -> POSTGRES;
                case "mysql" -> MYSQL;
                case "mongodb" -> MONGODB;
                case "sqlite" -> SQLITE;
                default -> null;
            };
        }
    }
}
