package dev.autodeploy.deployer.database;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Request and response bodies of {@code /api/v1/databases}. No password ever appears here. */
final class DatabaseApi {

    private DatabaseApi() {
    }

    /**
     * {@code POST /api/v1/databases}: a Postgres database for the project's environment (production by default);
     * its connection string becomes the secret variable {@code variableKey} ({@code DATABASE_URL} by default).
     */
    record CreateDatabase(@NotNull UUID projectId,
            @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "is not an environment name")
            String environment,
            @Pattern(regexp = "postgresql", message = "must be postgresql") String engine,
            @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,254}", message = "is not a variable name") String variableKey) {
    }

    record DatabaseView(UUID id, UUID projectId, String environment, UUID environmentId, String engine,
            String provider, String name, String host, int port, String variableKey, String status,
            String failureReason, UUID createdBy, Instant createdAt, Instant updatedAt) {
    }

    record DatabaseMetrics(UUID id, long sizeBytes, int connections, int connectionLimit, long commits,
            long rollbacks, Double cacheHitRatio, long deadlocks, Instant measuredAt) {
    }
}
