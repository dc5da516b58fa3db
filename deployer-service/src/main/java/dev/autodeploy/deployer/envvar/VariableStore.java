package dev.autodeploy.deployer.envvar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.support.audit.AuditMasking;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.vault.TokenVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The variables of environments. Viewers list them (a secret's value is never returned, not even to whoever set
 * it); admins add, change, delete and bulk-import them from {@code .env} text. Secret values are stored only as
 * {@link TokenVault} ciphertext bound to the environment and key, and decrypted only for a deployment
 * ({@link #forDeployment}). Every change bumps the environment's variables version in the same transaction, so
 * each deployment records exactly which set it ran with.
 */
@Service
public class VariableStore {

    /** Set by the deploy target itself: the port the app listens on. */
    static final Set<String> RESERVED = Set.of("PORT");
    private static final Logger log = LoggerFactory.getLogger(VariableStore.class);

    private final EnvironmentVariables variables;
    private final ProjectRegistry projects;
    private final TokenVault vault;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    VariableStore(EnvironmentVariables variables, ProjectRegistry projects, TokenVault vault, JdbcClient jdbc,
            TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.variables = variables;
        this.projects = projects;
        this.vault = vault;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What the audit log keeps of a variable: a plain value as it is, a secret one only as
     * {@value AuditMasking#MASK} (its value never leaves the vault for the log).
     */
    private record VariableAudit(UUID projectId, String environment, String key, boolean secret, String value) {

        @Override
        public String toString() {
            return "VariableAudit[" + key + (secret ? ", secret" : "") + "]";
        }
    }

    /** What the audit log keeps of a bulk import: which keys it created, replaced and left alone, never values. */
    private record ImportAudit(UUID projectId, String environment, boolean secret, boolean overwrite,
            List<String> created, List<String> updated, List<String> skipped) {
    }

    /**
     * An environment's variables as a deployment gets them: secrets decrypted, the version they are, and the
     * secret values (for masking them in log lines). Never log or return this.
     */
    public record Resolved(Map<String, String> values, Set<String> secretValues, long version, Set<String> secretKeys) {

        public Resolved {
            values = Map.copyOf(values);
            secretValues = Set.copyOf(secretValues);
            secretKeys = Set.copyOf(secretKeys);
        }

        public Resolved(Map<String, String> values, Set<String> secretValues, long version) {
            this(values, secretValues, version, Set.of());
        }

        @Override
        public String toString() {
            return "Resolved[" + values.size() + " variables, version " + version + "]";
        }
    }

    /** The environment's variables now, consistently with their version (writers wait meanwhile). */
    public Resolved forDeployment(UUID environmentId) {
        return transactions.execute(status -> {
            long version = jdbc.sql("SELECT variables_version FROM environments WHERE id = ? FOR SHARE")
                    .param(environmentId).query(Long.class).single();
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> secrets = new LinkedHashSet<>();
            Set<String> secretKeys = new LinkedHashSet<>();
            for (EnvironmentVariable variable : variables.findByEnvironmentIdOrderByKey(environmentId)) {
                if (variable.secret()) {
                    String value = vault.decrypt(variable.encryptedValue(), context(environmentId, variable.key()));
                    values.put(variable.key(), value);
                    secrets.add(value);
                    secretKeys.add(variable.key());
                }
                else {
                    values.put(variable.key(), variable.value());
                }
            }
            return new Resolved(values, secrets, version, secretKeys);
        });
    }

    /**
     * Sets a secret variable on behalf of the platform (a provisioned database's connection string); runs in the
     * caller's transaction.
     */
    public void putSecret(UUID environmentId, String key, String value, UUID userId) {
        projects.variablesChanged(environmentId);
        EnvironmentVariable variable = variables.findByEnvironmentIdAndKey(environmentId, key)
                .orElseGet(() -> new EnvironmentVariable(environmentId, key, userId, clock.instant()));
        variable.setSecret(vault.encrypt(value, context(environmentId, key)), clock.instant());
        variables.save(variable);
    }

    /** Removes a variable on behalf of the platform, if it is there; runs in the caller's transaction. */
    public void remove(UUID environmentId, String key) {
        variables.findByEnvironmentIdAndKey(environmentId, key).ifPresent(variable -> {
            projects.variablesChanged(environmentId);
            variables.delete(variable);
        });
    }

    VariableApi.VariableList list(UUID projectId, String environment, UUID userId) {
        EnvironmentSummary summary = projects.requireEnvironment(projectId, environment, userId, Role.VIEWER);
        return listing(summary.id(), summary.name());
    }

    VariableApi.VariableView create(UUID projectId, String environment, VariableApi.CreateVariable request,
            UUID userId) {
        EnvironmentSummary summary = projects.requireEnvironment(projectId, environment, userId, Role.ADMIN);
        requireAllowed(request.key());
        return transactions.execute(status -> {
            projects.variablesChanged(summary.id());
            if (variables.findByEnvironmentIdAndKey(summary.id(), request.key()).isPresent()) {
                throw new VariableProblems.VariableExists(request.key());
            }
            EnvironmentVariable variable = new EnvironmentVariable(summary.id(), request.key(), userId,
                    clock.instant());
            assign(summary.id(), variable, request.value(), request.isSecret());
            audit.record(summary.organizationId(), "variable.created", target(summary, variable.key()), null,
                    audited(summary, variable));
            log.info("User {} added {} variable {} to environment {}", userId, request.isSecret() ? "secret" : "plain",
                    request.key(), summary.id());
            return view(variables.saveAndFlush(variable));
        });
    }

    /** Sets the variable; {@code created} tells whether it was new. */
    record Put(VariableApi.VariableView variable, boolean created) {
    }

    Put put(UUID projectId, String environment, String key, VariableApi.PutVariable request, UUID userId) {
        EnvironmentSummary summary = projects.requireEnvironment(projectId, environment, userId, Role.ADMIN);
        requireAllowed(key);
        return transactions.execute(status -> {
            projects.variablesChanged(summary.id());
            Optional<EnvironmentVariable> existing = variables.findByEnvironmentIdAndKey(summary.id(), key);
            EnvironmentVariable variable = existing
                    .orElseGet(() -> new EnvironmentVariable(summary.id(), key, userId, clock.instant()));
            boolean secret = request.secret() != null ? request.secret() : existing.map(EnvironmentVariable::secret)
                    .orElse(false);
            VariableAudit before = existing.map(found -> audited(summary, found)).orElse(null);
            assign(summary.id(), variable, request.value(), secret);
            audit.record(summary.organizationId(), existing.isEmpty() ? "variable.created" : "variable.updated",
                    target(summary, key), before, audited(summary, variable));
            return new Put(view(variables.saveAndFlush(variable)), existing.isEmpty());
        });
    }

    void delete(UUID projectId, String environment, String key, UUID userId) {
        EnvironmentSummary summary = projects.requireEnvironment(projectId, environment, userId, Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            EnvironmentVariable variable = variables.findByEnvironmentIdAndKey(summary.id(), key)
                    .orElseThrow(() -> new VariableProblems.VariableNotFound(key));
            projects.variablesChanged(summary.id());
            variables.delete(variable);
            audit.record(summary.organizationId(), "variable.deleted", target(summary, key), audited(summary, variable),
                    null);
        });
        log.info("User {} removed variable {} from environment {}", userId, key, summary.id());
    }

    VariableApi.ImportResult importDotenv(UUID projectId, String environment, VariableApi.ImportVariables request,
            UUID userId) {
        EnvironmentSummary summary = projects.requireEnvironment(projectId, environment, userId, Role.ADMIN);
        DotenvParser.Result parsed = DotenvParser.parse(request.content());
        List<Map<String, Object>> problems = new ArrayList<>();
        parsed.problems().forEach(problem -> problems.add(Map.of("line", problem.line(), "message", problem.message())));
        Map<String, DotenvParser.Entry> entries = new LinkedHashMap<>();
        for (DotenvParser.Entry entry : parsed.entries()) {
            if (RESERVED.contains(entry.key())) {
                problems.add(Map.of("line", entry.line(), "message", entry.key() + " is set by the deploy target"));
            }
            else if (entry.value().length() > VariableApi.MAX_VALUE) {
                problems.add(Map.of("line", entry.line(), "message", "the value is longer than 64 KiB"));
            }
            entries.put(entry.key(), entry);
        }
        problems.sort(java.util.Comparator.comparingInt(problem -> (Integer) problem.get("line")));
        List<String> duplicates = parsed.duplicates().stream().map(DotenvParser.Duplicate::key).distinct().toList();
        if (!problems.isEmpty()) {
            throw new VariableProblems.InvalidDotenv(problems);
        }
        boolean overwrite = request.overwrite() == null || request.overwrite();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long version = transactions.execute(status -> {
            long changed = projects.variablesChanged(summary.id());
            for (DotenvParser.Entry entry : entries.values()) {
                Optional<EnvironmentVariable> existing = variables.findByEnvironmentIdAndKey(summary.id(), entry.key());
                if (existing.isPresent() && !overwrite) {
                    skipped.add(entry.key());
                    continue;
                }
                EnvironmentVariable variable = existing.orElseGet(
                        () -> new EnvironmentVariable(summary.id(), entry.key(), userId, clock.instant()));
                assign(summary.id(), variable, entry.value(), request.isSecret());
                variables.save(variable);
                (existing.isPresent() ? updated : created).add(entry.key());
            }
            // One entry for the whole import, naming its keys (the values stay out of the log).
            audit.record(summary.organizationId(), "variables.imported", AuditTarget.of("environment", summary.id()),
                    null, new ImportAudit(summary.project().id(), summary.name(), request.isSecret(), overwrite,
                            List.copyOf(created), List.copyOf(updated), List.copyOf(skipped)));
            return changed;
        });
        log.info("User {} imported {} variables ({} new) into environment {}", userId, created.size() + updated.size(),
                created.size(), summary.id());
        return new VariableApi.ImportResult(summary.name(), version, created, updated, skipped, duplicates);
    }

    private VariableApi.VariableList listing(UUID environmentId, String name) {
        return transactions.execute(status -> {
            long version = jdbc.sql("SELECT variables_version FROM environments WHERE id = ?").param(environmentId)
                    .query(Long.class).single();
            return new VariableApi.VariableList(name, version,
                    variables.findByEnvironmentIdOrderByKey(environmentId).stream().map(VariableStore::view).toList());
        });
    }

    private void assign(UUID environmentId, EnvironmentVariable variable, String value, boolean secret) {
        Instant now = clock.instant();
        if (secret) {
            variable.setSecret(vault.encrypt(value, context(environmentId, variable.key())), now);
        }
        else {
            variable.setPlain(value, now);
        }
    }

    private static void requireAllowed(String key) {
        if (!key.matches(VariableApi.KEY)) {
            throw new VariableProblems.InvalidKey(key);
        }
        if (RESERVED.contains(key)) {
            throw new VariableProblems.ReservedVariable(key);
        }
    }

    /** The ciphertext is bound to where it belongs: copied to another environment or key, it does not decrypt. */
    private static String context(UUID environmentId, String key) {
        return "environment:" + environmentId + ":" + key;
    }

    /** A variable is audited by where it lives: {@code <environment id>/<key>}. */
    private static AuditTarget target(EnvironmentSummary environment, String key) {
        return AuditTarget.of("variable", environment.id() + "/" + key);
    }

    private static VariableAudit audited(EnvironmentSummary environment, EnvironmentVariable variable) {
        return new VariableAudit(environment.project().id(), environment.name(), variable.key(), variable.secret(),
                variable.secret() ? AuditMasking.MASK : variable.value());
    }

    private static VariableApi.VariableView view(EnvironmentVariable variable) {
        return new VariableApi.VariableView(variable.key(), variable.secret() ? null : variable.value(),
                variable.secret(), variable.createdBy(), variable.createdAt(), variable.updatedAt());
    }
}
