package dev.autodeploy.deployer.deployment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.target.BuildSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code deployments} and {@code deployment_steps} tables. Every change is one SQL statement that says what
 * it expects to find (the status it moves from, the worker holding the claim), so two writers — a worker and a
 * cancel request, two replicas — never overwrite each other: a change that finds the row moved on changes
 * nothing and says so. Runs in the caller's transaction.
 */
@Component
class DeploymentStore {

    static final List<String> IN_FLIGHT = List.of("queued", "building", "deploying");
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            d.id, d.organization_id, d.project_id, d.environment_id, d.environment, d.action, d.parent_id, d.status,
            d.status_reason, d.target, d.repository_url, d.branch, d.commit_sha, d.commit_message, d.commit_time,
            d.root_directory, d.build_config, d.variables_version, d.url, d.metadata, d.cancel_requested, d.attempts,
            d.claimed_by, d.claimed_until, d.triggered_by, d.created_at, d.started_at, d.finished_at, d.updated_at,
            d.log_sequence, d.callback_token, d.awaiting_callback, d.provision_database, d.last_error, d.cancelled_by
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeploymentStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a new deployment is made of. */
    record NewDeployment(UUID id, UUID organizationId, UUID projectId, UUID environmentId, String environment,
            String action, UUID parentId, String target, String repositoryUrl, String branch, String commitSha,
            String commitMessage, Instant commitTime, String rootDirectory, BuildSettings build, String callbackToken,
            boolean provisionDatabase, UUID triggeredBy, Instant createdAt, Map<Step, Integer> estimates) {
    }

    void insert(NewDeployment deployment) {
        jdbc.sql("""
                INSERT INTO deployments (id, organization_id, project_id, environment_id, environment, action, parent_id,
                    status, target, repository_url, branch, commit_sha, commit_message, commit_time, root_directory,
                    build_config, callback_token, provision_database, triggered_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(deployment.id(), deployment.organizationId(), deployment.projectId(), deployment.environmentId(),
                        deployment.environment(), deployment.action(), deployment.parentId(), deployment.target(),
                        deployment.repositoryUrl(), deployment.branch(), deployment.commitSha(),
                        deployment.commitMessage(), timestamp(deployment.commitTime()), deployment.rootDirectory(),
                        json.writeValueAsString(deployment.build().asMap()), deployment.callbackToken(),
                        deployment.provisionDatabase(), deployment.triggeredBy(), timestamp(deployment.createdAt()),
                        timestamp(deployment.createdAt()))
                .update();
        for (Step step : Step.values()) {
            jdbc.sql("""
                    INSERT INTO deployment_steps (deployment_id, name, position, status, estimated_seconds)
                    VALUES (?, ?, ?, 'pending', ?)""")
                    .params(deployment.id(), step.wire(), step.ordinal(), deployment.estimates().get(step)).update();
        }
    }

    Optional<Deployment> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM deployments d WHERE d.id = ?", id);
    }

    /** The deployment with its row locked until the transaction ends. */
    Optional<Deployment> lock(UUID id) {
        return one("SELECT " + COLUMNS + " FROM deployments d WHERE d.id = ? FOR UPDATE", id);
    }

    /** A page of deployments, newest first, with their steps; {@code where} is built from fixed fragments only. */
    List<Deployment> search(String where, List<Object> parameters, int limit, long offset) {
        List<Object> all = new ArrayList<>(parameters);
        all.add(limit);
        all.add(offset);
        List<Deployment> rows = jdbc.sql("SELECT " + COLUMNS + " FROM deployments d WHERE " + where
                + " ORDER BY d.created_at DESC, d.id LIMIT ? OFFSET ?").params(all).query(this::row).list();
        return withSteps(rows);
    }

    long count(String where, List<Object> parameters) {
        return jdbc.sql("SELECT count(*) FROM deployments d WHERE " + where).params(parameters).query(Long.class)
                .single();
    }

    /** An environment's deployments that are waiting or running, oldest first. */
    List<Deployment> inFlight(UUID environmentId) {
        return withSteps(jdbc.sql("SELECT " + COLUMNS + " FROM deployments d WHERE d.environment_id = ?"
                + " AND d.status IN ('queued', 'building', 'deploying') ORDER BY d.created_at, d.id")
                .param(environmentId).query(this::row).list());
    }

    /** An environment's deployments waiting for approval, oldest first. */
    List<Deployment> awaitingApproval(UUID environmentId) {
        return withSteps(jdbc.sql("SELECT " + COLUMNS + " FROM deployments d WHERE d.environment_id = ?"
                + " AND d.status = 'awaiting_approval' ORDER BY d.created_at, d.id")
                .param(environmentId).query(this::row).list());
    }

    List<UUID> children(UUID id) {
        return jdbc.sql("SELECT id FROM deployments WHERE parent_id = ? ORDER BY created_at").param(id)
                .query(UUID.class).list();
    }

    /** The newest deployment of the environment that reached ready, other than {@code except}. */
    Optional<Deployment> lastReady(UUID environmentId, UUID except, String commitPrefix) {
        String sql = "SELECT " + COLUMNS + " FROM deployments d WHERE d.environment_id = ? AND d.status = 'ready'"
                + (except == null ? "" : " AND d.id <> ?") + (commitPrefix == null ? "" : " AND d.commit_sha LIKE ?")
                + " ORDER BY d.finished_at DESC NULLS LAST, d.created_at DESC LIMIT 1";
        List<Object> parameters = new ArrayList<>();
        parameters.add(environmentId);
        if (except != null) {
            parameters.add(except);
        }
        if (commitPrefix != null) {
            parameters.add(commitPrefix + "%");
        }
        return withSteps(jdbc.sql(sql).params(parameters).query(this::row).list()).stream().findFirst();
    }

    // ------------------------------------------------------------------ claims

    /** Takes the deployment for {@code worker} until {@code until}, counting an attempt. */
    boolean claim(UUID id, String worker, Instant until, Instant now) {
        return jdbc.sql("""
                UPDATE deployments SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND status IN ('queued', 'building', 'deploying')""")
                .params(worker, timestamp(until), timestamp(now), id).update() == 1;
    }

    /** A deployment a worker holds, with whether someone asked to cancel it. */
    record Held(UUID id, boolean cancelRequested) {
    }

    /** Extends the worker's claims; what it no longer holds is missing from the answer. */
    List<Held> extend(String worker, Collection<UUID> ids, Instant until) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                UPDATE deployments SET claimed_until = ?
                WHERE claimed_by = ? AND id = ANY(?) AND status IN ('queued', 'building', 'deploying')
                RETURNING id, cancel_requested""")
                .params(timestamp(until), worker, ids.toArray(UUID[]::new))
                .query((rows, n) -> new Held(rows.getObject(1, UUID.class), rows.getBoolean(2))).list();
    }

    /** Lets go of a claim, to be tried again after {@code notBefore} (null: at once). */
    boolean release(UUID id, String worker, Instant notBefore, String lastError, Instant now) {
        return jdbc.sql("""
                UPDATE deployments SET claimed_by = NULL, claimed_until = ?, last_error = ?, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND claimed_by = ?""")
                .params(timestamp(notBefore), lastError, timestamp(now), id, worker).update() == 1;
    }

    /** Claims of workers of this node's earlier runs: those workers are dead. Returns how many were let go. */
    int releaseDeadClaims(String nodePrefix, String self, Instant now) {
        return jdbc.sql("""
                UPDATE deployments SET claimed_by = NULL, claimed_until = NULL, updated_at = ?, version = version + 1
                WHERE claimed_by LIKE ? AND claimed_by <> ? AND status IN ('queued', 'building', 'deploying')""")
                .params(timestamp(now), nodePrefix.replace("%", "\\%").replace("_", "\\_") + "%", self).update();
    }

    // ------------------------------------------------------------------ changes

    /**
     * Moves the deployment from {@code from} to {@code to}; with a {@code worker}, only while that worker holds
     * it. Starting work stamps {@code started_at} once; reaching a finished status stamps {@code finished_at} and
     * ends any claim or wait for a callback.
     */
    boolean move(UUID id, String worker, DeploymentStatus from, DeploymentStatus to, String reason, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE deployments SET status = ?, status_reason = ?, updated_at = ?,"
                + " version = version + 1");
        List<Object> parameters = new ArrayList<>();
        parameters.add(to.wire());
        parameters.add(reason);
        parameters.add(timestamp(now));
        if (to == DeploymentStatus.BUILDING || to == DeploymentStatus.DEPLOYING) {
            sql.append(", started_at = coalesce(started_at, ?)");
            parameters.add(timestamp(now));
        }
        if (to.terminal()) {
            sql.append(", finished_at = ?, claimed_by = NULL, claimed_until = NULL, awaiting_callback = false");
            parameters.add(timestamp(now));
        }
        sql.append(" WHERE id = ? AND status = ?");
        parameters.add(id);
        parameters.add(from.wire());
        if (worker != null) {
            sql.append(" AND claimed_by = ?");
            parameters.add(worker);
        }
        return jdbc.sql(sql.toString()).params(parameters).update() == 1;
    }

    /** Moves a step from {@code from} to {@code to}, keeping {@code output} when given (null: unchanged). */
    boolean moveStep(UUID id, Step step, StepStatus from, StepStatus to, String error, Map<String, String> output,
            Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE deployment_steps SET status = ?, error = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(to.wire());
        parameters.add(error);
        switch (to) {
            case RUNNING -> {
                sql.append(", started_at = ?, finished_at = NULL, attempts = attempts + 1");
                parameters.add(timestamp(now));
            }
            case PENDING -> sql.append(", started_at = NULL, finished_at = NULL");
            default -> {
                sql.append(", finished_at = ?");
                parameters.add(timestamp(now));
            }
        }
        if (output != null) {
            sql.append(", output = ?::jsonb");
            parameters.add(json.writeValueAsString(output));
        }
        sql.append(" WHERE deployment_id = ? AND name = ? AND status = ?");
        parameters.add(id);
        parameters.add(step.wire());
        parameters.add(from.wire());
        return jdbc.sql(sql.toString()).params(parameters).update() == 1;
    }

    /** Every step still pending becomes {@code to} (skipped after a failure, cancelled with the deployment). */
    void settlePending(UUID id, StepStatus to) {
        jdbc.sql("UPDATE deployment_steps SET status = ? WHERE deployment_id = ? AND status = 'pending'")
                .params(to.wire(), id).update();
    }

    void recordCommit(UUID id, String commitSha, String message, Instant commitTime, Instant now) {
        jdbc.sql("""
                UPDATE deployments SET commit_sha = ?, commit_message = ?, commit_time = ?, updated_at = ?,
                    version = version + 1
                WHERE id = ?""")
                .params(commitSha, message, timestamp(commitTime), timestamp(now), id).update();
    }

    void recordVariablesVersion(UUID id, long version) {
        jdbc.sql("UPDATE deployments SET variables_version = ? WHERE id = ?").params(version, id).update();
    }

    void recordUrl(UUID id, String url) {
        jdbc.sql("UPDATE deployments SET url = ? WHERE id = ?").params(url, id).update();
    }

    /** Adds the entries to the deployment's metadata (top-level keys replaced). */
    void mergeMetadata(UUID id, Map<String, Object> entries, Instant now) {
        jdbc.sql("UPDATE deployments SET metadata = metadata || ?::jsonb, updated_at = ?, version = version + 1"
                + " WHERE id = ?").params(json.writeValueAsString(entries), timestamp(now), id).update();
    }

    /** A deployment just inserted waits for approval instead of being queued. */
    void awaitApproval(UUID id) {
        jdbc.sql("UPDATE deployments SET status = 'awaiting_approval' WHERE id = ? AND status = 'queued'").param(id)
                .update();
    }

    boolean requestCancel(UUID id, UUID userId, Instant now) {
        return jdbc.sql("""
                UPDATE deployments SET cancel_requested = true, cancelled_by = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND status IN ('awaiting_approval', 'queued', 'building', 'deploying')""")
                .params(userId, timestamp(now), id).update() == 1;
    }

    void awaitCallback(UUID id, String worker, boolean awaiting) {
        jdbc.sql("UPDATE deployments SET awaiting_callback = ?, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = ? AND claimed_by = ?").params(awaiting, id, worker).update();
    }

    void markWoken(Collection<UUID> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE deployments SET woken_at = ? WHERE id = ANY(?)")
                    .params(timestamp(now), ids.toArray(UUID[]::new)).update();
        }
    }

    /** Advances the numbering of the deployment's log lines to {@code sequence} (never backwards). */
    void advanceLogSequence(UUID id, long sequence) {
        jdbc.sql("UPDATE deployments SET log_sequence = greatest(log_sequence, ?) WHERE id = ?").params(sequence, id)
                .update();
    }

    // ------------------------------------------------------------------ reading rows

    private Optional<Deployment> one(String sql, UUID id) {
        return withSteps(jdbc.sql(sql).param(id).query(this::row).list()).stream().findFirst();
    }

    private List<Deployment> withSteps(List<Deployment> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<DeploymentStep>> steps = new HashMap<>();
        jdbc.sql("""
                SELECT deployment_id, name, status, started_at, finished_at, error, output, estimated_seconds, attempts
                FROM deployment_steps WHERE deployment_id = ANY(?) ORDER BY position""")
                .param(rows.stream().map(Deployment::id).toArray(UUID[]::new))
                .query((ResultSet result) -> {
                    steps.computeIfAbsent(result.getObject(1, UUID.class), key -> new ArrayList<>())
                            .add(new DeploymentStep(Step.fromWire(result.getString(2)),
                                    StepStatus.fromWire(result.getString(3)), instant(result, 4), instant(result, 5),
                                    result.getString(6), json.readValue(result.getString(7), STRING_MAP),
                                    (Integer) result.getObject(8), result.getInt(9)));
                });
        List<Deployment> complete = new ArrayList<>(rows.size());
        for (Deployment row : rows) {
            complete.add(new Deployment(row.id(), row.organizationId(), row.projectId(), row.environmentId(),
                    row.environment(), row.action(), row.parentId(), row.status(), row.statusReason(), row.target(),
                    row.repositoryUrl(), row.branch(), row.commitSha(), row.commitMessage(), row.commitTime(),
                    row.rootDirectory(), row.build(), row.variablesVersion(), row.url(), row.metadata(),
                    row.cancelRequested(), row.attempts(), row.claimedBy(), row.claimedUntil(), row.triggeredBy(),
                    row.createdAt(), row.startedAt(), row.finishedAt(), row.updatedAt(), row.logSequence(),
                    row.callbackToken(), row.awaitingCallback(), row.provisionDatabase(), row.lastError(),
                    row.cancelledBy(), steps.getOrDefault(row.id(), List.of())));
        }
        return complete;
    }

    private Deployment row(ResultSet rows, int n) throws SQLException {
        Map<String, String> build = json.readValue(rows.getString(17), STRING_MAP);
        Map<String, Object> metadata = rows.getString(20) == null ? Map.of()
                : json.readValue(rows.getString(20), OBJECT_MAP);
        return new Deployment(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                rows.getObject(3, UUID.class), rows.getObject(4, UUID.class), rows.getString(5), rows.getString(6),
                rows.getObject(7, UUID.class), DeploymentStatus.fromWire(rows.getString(8)).orElseThrow(),
                rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13),
                rows.getString(14), instant(rows, 15), rows.getString(16), BuildSettings.of(build), rows.getLong(18),
                rows.getString(19), new LinkedHashMap<>(metadata), rows.getBoolean(21), rows.getInt(22),
                rows.getString(23), instant(rows, 24), rows.getObject(25, UUID.class), instant(rows, 26),
                instant(rows, 27), instant(rows, 28), instant(rows, 29), rows.getLong(30), rows.getString(31),
                rows.getBoolean(32), rows.getBoolean(33), rows.getString(34), rows.getObject(35, UUID.class),
                List.of());
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
