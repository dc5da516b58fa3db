package dev.autodeploy.deployer.release;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.envvar.VariableStore;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads releases ({@code GET /deployments/{id}/release}, viewers) and previews rollbacks ({@code GET
 * /deployments/{id}/rollback/preview}, developers): the target release against the one the environment serves —
 * the commits between them (read from the repository, {@link CommitRanges}), variable keys added, removed or
 * changed (by fingerprint, never a value), migration level going backwards as a risk, and whether the target's
 * commit is blocked.
 */
@Component
class ReleaseViews {

    static final String VARIABLES_NOTE = "A rollback runs with the variables of the release it goes back to (or "
            + "today's, with keepCurrentVariables); the environment's stored variables are not modified.";

    static final String UNCOMPARABLE_NOTE = "Fingerprinted under different keys (the token vault's key changed "
            + "since), so listed as changed without knowing whether they differ: ";

    /** What a deployment row says that the release feature needs. */
    private record DeploymentFacts(UUID id, UUID organizationId, UUID environmentId, String environment,
            String commitSha) {
    }

    /** Where a deployment's code came from. */
    private record Source(String repositoryUrl, String branch) {
    }

    /** A release as stored. */
    private record StoredRelease(UUID deploymentId, UUID projectId, UUID environmentId, String commitSha,
            String target, String artifactKind, String digest, long variablesVersion, String buildConfiguration,
            String migrationLevel, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final OrganizationAccess access;
    private final ProjectRegistry projects;
    private final VariableStore variables;
    private final ReleaseLedger ledger;
    private final VariableFingerprints fingerprints;
    private final CommitBlocks blocks;
    private final CommitRanges ranges;
    private final JsonMapper json;

    ReleaseViews(JdbcClient jdbc, OrganizationAccess access, ProjectRegistry projects, VariableStore variables,
            ReleaseLedger ledger, VariableFingerprints fingerprints, CommitBlocks blocks, CommitRanges ranges,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.projects = projects;
        this.variables = variables;
        this.ledger = ledger;
        this.fingerprints = fingerprints;
        this.blocks = blocks;
        this.ranges = ranges;
        this.json = json;
    }

    ReleaseApi.ReleaseView release(UUID deploymentId, UUID userId) {
        DeploymentFacts deployment = require(deploymentId, userId, Role.VIEWER);
        StoredRelease release = stored(deployment.id()).orElseThrow(ReleaseProblems.ReleaseNotFound::new);
        return view(release);
    }

    ReleaseApi.RollbackPreview preview(UUID deploymentId, boolean keepCurrentVariables, UUID userId) {
        DeploymentFacts deployment = require(deploymentId, userId, Role.DEVELOPER);
        StoredRelease target = stored(deployment.id()).orElseThrow(ReleaseProblems.NoRelease::new);
        EnvironmentSummary environment = projects.environment(deployment.environmentId())
                .orElseThrow(ReleaseProblems.DeploymentNotFound::new);
        Optional<StoredRelease> current = Optional.ofNullable(environment.currentDeploymentId()).flatMap(this::stored);

        String from = current.map(StoredRelease::commitSha).orElse(null);
        Source source = source(current.map(StoredRelease::deploymentId).orElse(target.deploymentId()));
        ReleaseApi.CommitRange commits = ranges.between(source.repositoryUrl(), source.branch(), from,
                target.commitSha());
        String direction = current.map(serving -> serving.deploymentId().equals(target.deploymentId())
                || java.util.Objects.equals(serving.commitSha(), target.commitSha()) ? "same"
                        : direction(commits, target.createdAt().isBefore(serving.createdAt())))
                .orElse("initial");

        Map<String, String> running = current.map(serving -> fingerprintsOf(serving.deploymentId()))
                .orElse(Map.of());
        boolean snapshot = ledger.set(target.deploymentId()).isPresent();
        String comparedWith = keepCurrentVariables || !snapshot ? "current" : "release";
        Map<String, String> wouldRun = comparedWith.equals("release") ? fingerprintsOf(target.deploymentId())
                : today(environment.id());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        wouldRun.forEach((key, fingerprint) -> {
            if (!running.containsKey(key)) {
                added.add(key);
            }
            else if (!VariableFingerprints.comparable(running.get(key), fingerprint)) {
                changed.add(key);
                unknown.add(key);
            }
            else if (!running.get(key).equals(fingerprint)) {
                changed.add(key);
            }
        });
        running.keySet().stream().filter(key -> !wouldRun.containsKey(key)).forEach(removed::add);
        ReleaseApi.VariableChanges variableChanges = new ReleaseApi.VariableChanges(comparedWith,
                added.stream().sorted().toList(), removed.stream().sorted().toList(),
                changed.stream().sorted().toList(), unknown.isEmpty() ? VARIABLES_NOTE : VARIABLES_NOTE + " "
                        + UNCOMPARABLE_NOTE + String.join(", ", unknown.stream().sorted().toList()) + ".");

        String currentLevel = current.map(StoredRelease::migrationLevel).orElse(null);
        boolean backwards = currentLevel != null && target.migrationLevel() != null
                && MigrationLevels.compare(target.migrationLevel(), currentLevel) < 0;
        List<ReleaseApi.Risk> risks = new ArrayList<>();
        if (backwards) {
            risks.add(new ReleaseApi.Risk("migration-downgrade", "The environment's database is at migration "
                    + currentLevel + "; the release rolled back to expects " + target.migrationLevel()
                    + ". Rolling back does not undo migrations: check that this release works with the newer schema."));
        }
        Optional<CommitBlocks.Block> blocked = target.commitSha() == null ? Optional.empty()
                : blocks.active(environment.id(), target.commitSha());
        String blocksCommit = from != null && !"same".equals(direction) ? from : null;
        return new ReleaseApi.RollbackPreview(deployment.id(), environment.name(),
                current.map(ReleaseViews::side).orElse(null), side(target), direction, commits, variableChanges,
                new ReleaseApi.MigrationChange(currentLevel, target.migrationLevel(), backwards), risks,
                new ReleaseApi.BlockState(blocked.isPresent(), blocked.map(CommitBlocks.Block::reason).orElse(null)),
                blocksCommit, keepCurrentVariables);
    }

    /**
     * By the history when it is known (the target an ancestor of what runs: backward; a descendant: forward), else
     * by when the releases were made.
     */
    private static String direction(ReleaseApi.CommitRange commits, boolean olderRelease) {
        if (commits.commitsAvailable() && commits.complete()) {
            if (commits.added().isEmpty() && !commits.removed().isEmpty()) {
                return "backward";
            }
            if (commits.removed().isEmpty() && !commits.added().isEmpty()) {
                return "forward";
            }
        }
        return olderRelease ? "backward" : "forward";
    }

    private Map<String, String> fingerprintsOf(UUID deploymentId) {
        Map<String, String> result = new LinkedHashMap<>();
        ledger.stored(deploymentId).forEach(variable -> result.put(variable.key(), variable.fingerprint()));
        return result;
    }

    /** Today's variables of the environment, fingerprinted (decrypted here only for that). */
    private Map<String, String> today(UUID environmentId) {
        Map<String, String> result = new LinkedHashMap<>();
        variables.forDeployment(environmentId).values()
                .forEach((key, value) -> result.put(key, fingerprints.of(key, value)));
        return result;
    }

    private ReleaseApi.ReleaseView view(StoredRelease release) {
        List<ReleaseApi.VariableView> variableViews = ledger.stored(release.deploymentId()).stream()
                .map(variable -> new ReleaseApi.VariableView(variable.key(), variable.secret(), variable.fingerprint()))
                .toList();
        UUID restoredFrom = ledger.set(release.deploymentId()).map(ReleaseLedger.StoredSet::restoredFrom).orElse(null);
        Map<String, Object> build = json.readValue(release.buildConfiguration(), new TypeReference<>() {
        });
        return new ReleaseApi.ReleaseView(release.deploymentId(), release.projectId(), release.environmentId(),
                release.commitSha(), release.target(), release.artifactKind(), release.digest(),
                release.variablesVersion(), restoredFrom, variableViews, build, release.migrationLevel(),
                release.createdAt());
    }

    private static ReleaseApi.Side side(StoredRelease release) {
        return new ReleaseApi.Side(release.deploymentId(), release.commitSha(), release.createdAt());
    }

    private DeploymentFacts require(UUID deploymentId, UUID userId, Role minimum) {
        DeploymentFacts deployment = jdbc.sql("SELECT id, organization_id, environment_id, environment, commit_sha"
                + " FROM deployments WHERE id = ?").param(deploymentId)
                .query((rows, n) -> new DeploymentFacts(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5)))
                .optional().orElseThrow(ReleaseProblems.DeploymentNotFound::new);
        access.require(deployment.organizationId(), userId, minimum, ReleaseProblems.DeploymentNotFound::new);
        return deployment;
    }

    private Source source(UUID deploymentId) {
        return jdbc.sql("SELECT repository_url, branch FROM deployments WHERE id = ?").param(deploymentId)
                .query((rows, n) -> new Source(rows.getString(1), rows.getString(2))).single();
    }

    private Optional<StoredRelease> stored(UUID deploymentId) {
        return jdbc.sql("""
                SELECT deployment_id, project_id, environment_id, commit_sha, target, artifact_kind, artifact_digest,
                    variables_version, build_configuration::text, migration_level, created_at
                FROM releases WHERE deployment_id = ?""").param(deploymentId)
                .query((rows, n) -> new StoredRelease(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getString(7), rows.getLong(8), rows.getString(9), rows.getString(10),
                        instant(rows.getTimestamp(11))))
                .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
