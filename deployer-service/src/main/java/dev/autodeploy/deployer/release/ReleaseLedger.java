package dev.autodeploy.deployer.release;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.autodeploy.deployer.deployment.ReleaseHistory;
import dev.autodeploy.deployer.envvar.VariableStore;
import dev.autodeploy.vault.TokenVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the releases: the variable set each deployment runs with (captured when it starts, encrypted per
 * deployment and key, with a fingerprint per value), and for each that reaches ready, in that transaction, an
 * immutable release — artifact digest, variables version, build configuration, migration level. Rollbacks are
 * told to {@link CommitBlocks}.
 */
@Component
class ReleaseLedger implements ReleaseHistory {

    /** A variable of a stored set, its value still encrypted. */
    record StoredVariable(String key, boolean secret, String valueEncrypted, String fingerprint) {

        @Override
        public String toString() {
            return "StoredVariable[" + key + (secret ? ", secret" : "") + "]";
        }
    }

    /** A stored set's header. */
    record StoredSet(UUID deploymentId, long variablesVersion, UUID restoredFrom, String migrationLevel) {
    }

    private final JdbcClient jdbc;
    private final TokenVault vault;
    private final VariableFingerprints fingerprints;
    private final CommitBlocks blocks;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReleaseLedger(JdbcClient jdbc, TokenVault vault, VariableFingerprints fingerprints, CommitBlocks blocks,
            JsonMapper json, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.fingerprints = fingerprints;
        this.blocks = blocks;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the variables a deployment runs with

    @Override
    public VariableStore.Resolved variables(Starting deployment, Supplier<VariableStore.Resolved> current) {
        return transactions.execute(tx -> {
            UUID id = deployment.deploymentId();
            if (set(id).isPresent()) {
                return decrypt(id);
            }
            VariableStore.Resolved resolved;
            UUID restoredFrom = null;
            if (deployment.parentId() != null && !deployment.keepCurrentVariables()
                    && set(deployment.parentId()).isPresent()) {
                resolved = decrypt(deployment.parentId());
                restoredFrom = deployment.parentId();
            }
            else {
                resolved = current.get();
            }
            String migrationLevel = deployment.source() != null && Files.isDirectory(deployment.source())
                    ? MigrationLevels.of(deployment.source(), deployment.build().get("migrationsPath")).orElse(null)
                    : null;
            int inserted = jdbc.sql("""
                    INSERT INTO release_variable_sets (deployment_id, variables_version, restored_from, migration_level,
                        captured_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (deployment_id) DO NOTHING""")
                    .params(id, resolved.version(), restoredFrom, migrationLevel, Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 0) {
                // Captured meanwhile by another caller: that one is the set.
                return decrypt(id);
            }
            for (Map.Entry<String, String> variable : resolved.values().entrySet()) {
                jdbc.sql("""
                        INSERT INTO release_variables (deployment_id, key, secret, value_encrypted, fingerprint)
                        VALUES (?, ?, ?, ?, ?)""")
                        .params(id, variable.getKey(), resolved.secretKeys().contains(variable.getKey()),
                                vault.encrypt(variable.getValue(), context(id, variable.getKey())),
                                fingerprints.of(variable.getKey(), variable.getValue()))
                        .update();
            }
            return resolved;
        });
    }

    Optional<StoredSet> set(UUID deploymentId) {
        return jdbc.sql("SELECT deployment_id, variables_version, restored_from, migration_level"
                + " FROM release_variable_sets WHERE deployment_id = ?").param(deploymentId)
                .query((rows, n) -> new StoredSet(rows.getObject(1, UUID.class), rows.getLong(2),
                        rows.getObject(3, UUID.class), rows.getString(4)))
                .optional();
    }

    List<StoredVariable> stored(UUID deploymentId) {
        return jdbc.sql("SELECT key, secret, value_encrypted, fingerprint FROM release_variables"
                + " WHERE deployment_id = ? ORDER BY key").param(deploymentId)
                .query((rows, n) -> new StoredVariable(rows.getString(1), rows.getBoolean(2), rows.getString(3),
                        rows.getString(4)))
                .list();
    }

    private VariableStore.Resolved decrypt(UUID deploymentId) {
        long version = set(deploymentId).map(StoredSet::variablesVersion).orElse(0L);
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secretValues = new LinkedHashSet<>();
        Set<String> secretKeys = new LinkedHashSet<>();
        for (StoredVariable variable : stored(deploymentId)) {
            String value = vault.decrypt(variable.valueEncrypted(), context(deploymentId, variable.key()));
            values.put(variable.key(), value);
            if (variable.secret()) {
                secretValues.add(value);
                secretKeys.add(variable.key());
            }
        }
        return new VariableStore.Resolved(values, secretValues, version, secretKeys);
    }

    /** Bound to the deployment and key: a value copied to another row does not decrypt. */
    private static String context(UUID deploymentId, String key) {
        return "release:" + deploymentId + ":" + key;
    }

    // ------------------------------------------------------------------ the release of a ready deployment

    @Override
    public void ready(Ready deployment) {
        UUID id = deployment.deploymentId();
        Map<String, String> outputs = deployment.outputs();
        String kind;
        String digest;
        switch (deployment.target()) {
            case "local" -> {
                kind = "release-directory";
                digest = outputs.get("release.checksum");
            }
            case "kubernetes" -> {
                kind = "image";
                digest = Optional.ofNullable(outputs.get("release.checksum")).orElse(outputs.get("release.reference"));
            }
            default -> {
                kind = "ci-run";
                digest = ciRun(id).orElse(outputs.get("release.reference"));
            }
        }
        Optional<StoredSet> set = set(id);
        long version = set.map(StoredSet::variablesVersion).orElseGet(() -> jdbc.sql(
                "SELECT variables_version FROM deployments WHERE id = ?").param(id).query(Long.class).single());
        String migrationsPath = deployment.build().get("migrationsPath");
        String migrationLevel = null;
        if (migrationsPath != null) {
            // Measured on the checkout when the deployment started (the build moves it into the release).
            migrationLevel = set.map(StoredSet::migrationLevel).orElse(null);
            if (migrationLevel == null && deployment.source() != null && Files.isDirectory(deployment.source())) {
                migrationLevel = MigrationLevels.of(deployment.source(), migrationsPath).orElse(null);
            }
            if (migrationLevel == null && deployment.parentId() != null) {
                // A rollback reusing its release checked nothing out: the same commit, the same level.
                migrationLevel = jdbc.sql("SELECT migration_level FROM releases WHERE deployment_id = ?")
                        .param(deployment.parentId()).query(String.class).optional().orElse(null);
            }
        }
        jdbc.sql("""
                INSERT INTO releases (deployment_id, organization_id, project_id, environment_id, commit_sha, target,
                    artifact_kind, artifact_digest, variables_version, build_configuration, migration_level, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (deployment_id) DO NOTHING""")
                .params(id, deployment.organizationId(), deployment.projectId(), deployment.environmentId(),
                        deployment.commitSha(), deployment.target(), kind, digest, version,
                        json.writeValueAsString(deployment.build()), migrationLevel, Timestamp.from(clock.instant()))
                .update();
    }

    /** The CI run that carried out the deployment, as its URL (else its id). */
    private Optional<String> ciRun(UUID deploymentId) {
        return jdbc.sql("SELECT external_id, external_url FROM deployment_cicd_mappings WHERE deployment_id = ?")
                .param(deploymentId)
                .query((rows, n) -> rows.getString(2) != null ? rows.getString(2)
                        : rows.getString(1) != null ? "run:" + rows.getString(1) : null)
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    // ------------------------------------------------------------------ rollbacks and blocked commits

    @Override
    public void rolledBack(RolledBack rollback) {
        blocks.block(rollback);
    }

    @Override
    public Optional<String> blocked(UUID environmentId, String commitSha) {
        return blocks.active(environmentId, commitSha).map(CommitBlocks.Block::reason);
    }
}
