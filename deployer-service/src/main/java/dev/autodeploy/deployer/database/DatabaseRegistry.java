package dev.autodeploy.deployer.database;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.DatabaseProvisioning;
import dev.autodeploy.deployer.envvar.VariableStore;
import dev.autodeploy.deployer.project.EnvironmentResources;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.deployer.project.ProjectSummary;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Databases of environments ({@code /api/v1/databases}, seed 001): on the local target, a database and role of
 * their own on the platform's Postgres, the connection string stored as a secret variable of the environment
 * (injected at deploy time like any other); deleting one drops both and removes the variable. Admins create and
 * delete, viewers read. Also the {@code provision_database} step of deployments, and the clean-up when an
 * environment or project is deleted.
 */
@Service
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseRegistry implements DatabaseProvisioning, EnvironmentResources {

    static final String DEFAULT_VARIABLE = "DATABASE_URL";
    private static final Logger log = LoggerFactory.getLogger(DatabaseRegistry.class);

    private final ProvisionedDatabases databases;
    private final LocalPostgres postgres;
    private final ProjectRegistry projects;
    private final VariableStore variables;
    private final OrganizationAccess access;
    private final DatabaseProperties properties;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DatabaseRegistry(ProvisionedDatabases databases, LocalPostgres postgres, ProjectRegistry projects,
            VariableStore variables, OrganizationAccess access, DatabaseProperties properties,
            TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.databases = databases;
        this.postgres = postgres;
        this.projects = projects;
        this.variables = variables;
        this.access = access;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    DatabaseApi.DatabaseView create(DatabaseApi.CreateDatabase request, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(request.projectId(),
                request.environment() == null ? "production" : request.environment(), userId, Role.ADMIN);
        String key = request.variableKey() == null ? DEFAULT_VARIABLE : request.variableKey();
        if ("PORT".equals(key)) {
            throw new DatabaseProblems.ReservedVariable(key);
        }
        if (databases.findByEnvironmentId(environment.id()).filter(d -> d.status().equals(ProvisionedDatabase.AVAILABLE))
                .isPresent()) {
            throw new DatabaseProblems.DatabaseExists();
        }
        try {
            return view(provision(environment, key, userId), environment);
        }
        catch (SQLException ex) {
            throw new DatabaseProblems.ServerUnavailable(ex.getSQLState());
        }
    }

    List<DatabaseApi.DatabaseView> list(UUID projectId, UUID userId) {
        ProjectSummary project = projects.require(projectId, userId, Role.VIEWER);
        return databases.findByProjectIdOrderByCreatedAt(project.id()).stream()
                .map(database -> view(database, projects.environment(database.environmentId()).orElse(null))).toList();
    }

    DatabaseApi.DatabaseView view(UUID id, UUID userId) {
        ProvisionedDatabase database = require(id, userId, Role.VIEWER);
        return view(database, projects.environment(database.environmentId()).orElse(null));
    }

    DatabaseApi.DatabaseMetrics metrics(UUID id, UUID userId) {
        ProvisionedDatabase database = require(id, userId, Role.VIEWER);
        try {
            LocalPostgres.Usage usage = postgres.usage(database.databaseName(), clock.instant());
            return new DatabaseApi.DatabaseMetrics(database.id(), usage.sizeBytes(), usage.connections(),
                    usage.connectionLimit(), usage.commits(), usage.rollbacks(), usage.cacheHitRatio(),
                    usage.deadlocks(), usage.measuredAt());
        }
        catch (SQLException ex) {
            throw new DatabaseProblems.ServerUnavailable(ex.getSQLState());
        }
    }

    void delete(UUID id, UUID userId) {
        ProvisionedDatabase database = require(id, userId, Role.ADMIN);
        try {
            postgres.drop(database.databaseName());
        }
        catch (SQLException ex) {
            throw new DatabaseProblems.ServerUnavailable(ex.getSQLState());
        }
        transactions.executeWithoutResult(tx -> {
            variables.remove(database.environmentId(), database.variableKey());
            databases.deleteById(database.id());
            audit.record(database.organizationId(), "database.deleted", AuditTarget.of("database", database.id()),
                    audited(database), null);
        });
        log.info("User {} deleted database {} of environment {}", userId, database.databaseName(),
                database.environmentId());
    }

    @Override
    public Optional<String> ensure(EnvironmentSummary environment, boolean requested, UUID requestedBy, LogSink logs)
            throws DeployFailure {
        Optional<ProvisionedDatabase> existing = databases.findByEnvironmentId(environment.id());
        boolean wanted = requested || "postgresql".equals(environment.settings().get("database"));
        try {
            if (existing.isPresent() && existing.get().status().equals(ProvisionedDatabase.AVAILABLE)) {
                String name = existing.get().databaseName();
                if (!postgres.exists(name)) {
                    throw DeployFailure.failed("The environment's database " + name + " is gone from the server;"
                            + " delete it (DELETE /api/v1/databases/" + existing.get().id() + ") and provision again.");
                }
                logs.info("Database " + name + " is there (" + existing.get().variableKey() + ")");
                return Optional.of(name);
            }
            if (!wanted && existing.isEmpty()) {
                return Optional.empty();
            }
            ProvisionedDatabase created = provision(environment, existing.map(ProvisionedDatabase::variableKey)
                    .orElse(DEFAULT_VARIABLE), requestedBy);
            logs.info("Provisioned Postgres database " + created.databaseName() + " on " + postgres.host() + ":"
                    + postgres.port() + "; its connection string is the secret variable " + created.variableKey());
            return Optional.of(created.databaseName());
        }
        catch (SQLException ex) {
            throw DeployFailure.retryable("The Postgres server did not answer (SQL state " + ex.getSQLState() + ")");
        }
    }

    @Override
    public void release(EnvironmentSummary environment) {
        databases.findByEnvironmentId(environment.id()).ifPresent(database -> {
            try {
                postgres.drop(database.databaseName());
            }
            catch (SQLException ex) {
                throw new DatabaseProblems.ServerUnavailable(ex.getSQLState());
            }
        });
    }

    /** Makes (or makes again, after a failed try) the environment's database and its connection-string secret. */
    private ProvisionedDatabase provision(EnvironmentSummary environment, String variableKey, UUID userId)
            throws SQLException {
        ProvisionedDatabase database = databases.findByEnvironmentId(environment.id()).orElseGet(() ->
                new ProvisionedDatabase(environment.organizationId(), environment.project().id(), environment.id(),
                        properties.namePrefix() + hex(6), variableKey, userId, clock.instant()));
        try {
            transactions.executeWithoutResult(tx -> databases.saveAndFlush(database));
        }
        catch (DataIntegrityViolationException ex) {
            throw new DatabaseProblems.DatabaseExists();
        }
        String password = hex(24);
        try {
            postgres.create(database.databaseName(), password);
        }
        catch (SQLException ex) {
            database.failed("The Postgres server refused (SQL state " + ex.getSQLState() + ")", clock.instant());
            transactions.executeWithoutResult(tx -> databases.saveAndFlush(database));
            throw ex;
        }
        transactions.executeWithoutResult(tx -> {
            database.available(clock.instant());
            databases.saveAndFlush(database);
            variables.putSecret(environment.id(), database.variableKey(),
                    postgres.url(database.databaseName(), password), userId);
            // By the requesting user over the API, by the platform in a deployment's provision_database step.
            audit.record(database.organizationId(), "database.provisioned",
                    AuditTarget.of("database", database.id()), null, audited(database));
        });
        log.info("Provisioned database {} for environment {}", database.databaseName(), environment.id());
        return database;
    }

    /** What the audit log keeps of a database: where it is and which variable holds its connection string. */
    private record DatabaseAudit(UUID projectId, UUID environmentId, String engine, String provider,
            String databaseName, String variableKey, String status) {
    }

    private static DatabaseAudit audited(ProvisionedDatabase database) {
        return new DatabaseAudit(database.projectId(), database.environmentId(), database.engine(),
                database.provider(), database.databaseName(), database.variableKey(), database.status());
    }

    private ProvisionedDatabase require(UUID id, UUID userId, Role minimum) {
        ProvisionedDatabase database = databases.findById(id).orElseThrow(DatabaseProblems.DatabaseNotFound::new);
        access.require(database.organizationId(), userId, minimum, DatabaseProblems.DatabaseNotFound::new);
        return database;
    }

    private DatabaseApi.DatabaseView view(ProvisionedDatabase database, EnvironmentSummary environment) {
        return new DatabaseApi.DatabaseView(database.id(), database.projectId(),
                environment == null ? null : environment.name(), database.environmentId(), database.engine(),
                database.provider(), database.databaseName(), postgres.host(), postgres.port(), database.variableKey(),
                database.status(), database.failureReason(), database.createdBy(), database.createdAt(),
                database.updatedAt());
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
