package dev.autodeploy.deployer.project;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.DeployTargets;
import dev.autodeploy.deployer.target.InvalidCommand;
import dev.autodeploy.deployer.target.TargetStatus;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects and their environments: made from an analyzed repository of the organization (with a production
 * environment on the default target), listed, read, edited and deleted — each after checking the caller's role
 * in the project's organization (viewers read, developers create and edit projects, admins manage environments
 * and delete). A project's build configuration is what the latest analysis detected with the user's overrides on
 * top. Other features reach projects and environments only through the public methods here.
 */
@Service
@EnableConfigurationProperties(ProjectProperties.class)
public class ProjectRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProjectRegistry.class);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final List<String> IN_FLIGHT = List.of("queued", "building", "deploying");
    /** The target setting naming the registered CI/CD provider an environment deploys through. */
    public static final String PROVIDER_ID = "providerId";

    private final Projects projects;
    private final Environments environments;
    private final AnalyzedRepositories analyzed;
    private final OrganizationAccess access;
    private final DeployTargets targets;
    private final CicdConnections cicd;
    /** Looked up when needed: the features keeping resources depend on this registry themselves. */
    private final ObjectProvider<EnvironmentResources> resources;
    private final ProjectProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    ProjectRegistry(Projects projects, Environments environments, AnalyzedRepositories analyzed,
            OrganizationAccess access, DeployTargets targets, CicdConnections cicd,
            ObjectProvider<EnvironmentResources> resources,
            ProjectProperties properties, JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions,
            AuditTrail audit, Clock clock) {
        this.projects = projects;
        this.environments = environments;
        this.analyzed = analyzed;
        this.access = access;
        this.targets = targets;
        this.cicd = cicd;
        this.resources = resources;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log keeps of a project: the fields a user sets. */
    private record ProjectAudit(String name, String slug, String description, UUID repositoryId, String repositoryUrl,
            String productionBranch, String rootDirectory, Map<String, String> buildOverrides) {
    }

    /** What the audit log keeps of an environment: the fields a user sets (target settings included). */
    private record EnvironmentAudit(UUID projectId, String name, String kind, String branch, String target,
            Map<String, String> settings, boolean autoDeploy) {
    }

    // ------------------------------------------------------------------ for other features

    /** The project when the user has at least {@code minimum} in its organization; 404 for everyone else. */
    public ProjectSummary require(UUID projectId, UUID userId, Role minimum) {
        return summary(requireEntity(projectId, userId, minimum));
    }

    /** The project's environment by name, after the same check as {@link #require}. */
    public EnvironmentSummary requireEnvironment(UUID projectId, String environment, UUID userId, Role minimum) {
        Project project = requireEntity(projectId, userId, minimum);
        return environments.findByProjectIdAndName(projectId, environment)
                .map(found -> summary(project, found))
                .orElseThrow(() -> new ProjectProblems.EnvironmentNotFound(environment));
    }

    /** A project by id, without any access check (for records already authorized, like a listed deployment). */
    public Optional<ProjectSummary> project(UUID projectId) {
        return projects.findById(projectId).map(this::summary);
    }

    /** An environment by id, without any access check (for work already authorized, like a queued deployment). */
    public Optional<EnvironmentSummary> environment(UUID environmentId) {
        return environments.findById(environmentId)
                .flatMap(found -> projects.findById(found.projectId()).map(project -> summary(project, found)));
    }

    /** Counts a change of the environment's variables; runs in the caller's transaction. Returns the new version. */
    public long variablesChanged(UUID environmentId) {
        return jdbc.sql("""
                UPDATE environments SET variables_version = variables_version + 1, updated_at = ?
                WHERE id = ? RETURNING variables_version""")
                .params(java.sql.Timestamp.from(clock.instant()), environmentId).query(Long.class).single();
    }

    /** Records that the environment now serves the deployment's release; runs in the caller's transaction. */
    public void serve(UUID environmentId, UUID deploymentId) {
        jdbc.sql("UPDATE environments SET current_deployment_id = ? WHERE id = ?")
                .params(deploymentId, environmentId).update();
    }

    /**
     * The environments of every project whose repository URL mentions {@code repositoryName} (case-insensitive),
     * without any access check: candidates for a Git host's webhook, which compares the URLs exactly itself.
     */
    public List<EnvironmentSummary> environmentsOfRepositoriesNamed(String repositoryName) {
        String like = "%" + repositoryName.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        List<UUID> ids = jdbc.sql("SELECT id FROM projects WHERE lower(repository_url) LIKE ? ORDER BY created_at")
                .param(like).query(UUID.class).list();
        return ids.stream().flatMap(id -> projects.findById(id).stream())
                .flatMap(project -> environments.findByProjectIdOrderByCreatedAt(project.id()).stream()
                        .map(environment -> summary(project, environment)))
                .toList();
    }

    /**
     * The project's preview environment {@code name} following {@code branch}: made when missing with the
     * production environment's target and settings, its branch moved when it follows another one now. No access
     * check: for a Git host's webhook about a pull request.
     */
    public EnvironmentSummary preview(UUID projectId, String name, String branch) {
        Project project = projects.findById(projectId).orElseThrow(ProjectProblems.ProjectNotFound::new);
        Optional<Environment> existing = environments.findByProjectIdAndName(projectId, name);
        if (existing.isPresent()) {
            Environment environment = existing.get();
            if (!branch.equals(environment.branch())) {
                EnvironmentAudit before = audited(environment);
                environment.follow(branch, clock.instant());
                transactions.executeWithoutResult(status -> {
                    environments.saveAndFlush(environment);
                    audit.record(AuditActor.webhook(), project.organizationId(), "environment.updated",
                            AuditTarget.of("environment", environment.id()), before, audited(environment));
                });
            }
            return summary(project, environments.findById(environment.id()).orElseThrow());
        }
        Environment production = environments.findByProjectIdOrderByCreatedAt(projectId).stream()
                .filter(environment -> Environment.PRODUCTION.equals(environment.kind())).findFirst()
                .orElseThrow(() -> new ProjectProblems.EnvironmentNotFound(Environment.PRODUCTION));
        Environment preview = new Environment(projectId, name, "preview", branch, production.target(),
                production.settings(), true, clock.instant());
        transactions.executeWithoutResult(status -> {
            environments.saveAndFlush(preview);
            audit.record(AuditActor.webhook(), project.organizationId(), "environment.created",
                    AuditTarget.of("environment", preview.id()), null, audited(preview));
        });
        log.info("Created preview environment {} of project {} for branch {}", name, projectId, branch);
        return summary(project, environments.findById(preview.id()).orElseThrow());
    }

    /**
     * Removes a preview environment: what its target runs, what other features keep for it, and its record (with
     * its deployments' history). No access check; the caller has stopped its deployments. Idempotent.
     */
    public void deletePreview(UUID environmentId) {
        Optional<EnvironmentSummary> environment = environment(environmentId);
        if (environment.isEmpty()) {
            return;
        }
        if (!"preview".equals(environment.get().kind())) {
            throw new IllegalArgumentException("Only preview environments are removed this way");
        }
        if (inFlight("environment_id", environmentId)) {
            throw new ProjectProblems.DeploymentsInProgress("environment");
        }
        release(environment.get());
        Optional<Environment> removed = environments.findById(environmentId);
        transactions.executeWithoutResult(status -> {
            environments.deleteById(environmentId);
            // Removed once its pull request closed: the Git host's webhook asked for it.
            removed.ifPresent(gone -> audit.record(AuditActor.webhook(), environment.get().organizationId(),
                    "environment.deleted", AuditTarget.of("environment", environmentId), audited(gone), null));
        });
        log.info("Deleted preview environment {} of project {}", environment.get().name(),
                environment.get().project().id());
    }

    // ------------------------------------------------------------------ projects

    ProjectApi.ProjectView create(ProjectApi.CreateProject request, UUID userId) {
        access.require(request.organizationId(), userId, Role.DEVELOPER);
        AnalyzedRepositories.Analyzed repository = analyzed.find(request.repositoryId())
                .filter(found -> found.organizationId().equals(request.organizationId()))
                .orElseThrow(ProjectProblems.RepositoryNotAnalyzed::new);
        String name = request.name() != null ? request.name().strip() : repositoryName(repository.repositoryUrl());
        String slug = request.slug() != null ? request.slug() : freeSlug(request.organizationId(), slugOf(name));
        if (request.slug() != null && projects.existsByOrganizationIdAndSlug(request.organizationId(), slug)) {
            throw new ProjectProblems.SlugTaken(slug);
        }
        String branch = request.productionBranch() != null ? request.productionBranch()
                : repository.branch() != null ? repository.branch() : "main";
        String rootDirectory = normalizeDirectory(request.rootDirectory() != null ? request.rootDirectory()
                : repository.rootDirectory());
        Map<String, String> overrides = checkedOverrides(request.buildConfiguration());
        String target = defaultTarget();
        Instant now = clock.instant();
        Project project = new Project(request.organizationId(), name, slug, blankToNull(request.description()),
                repository.repositoryId(), repository.repositoryUrl(), branch, rootDirectory, repository.framework(),
                json.writeValueAsString(repository.buildConfiguration()), json.writeValueAsString(overrides), userId,
                now);
        Environment production = new Environment(project.id(), Environment.PRODUCTION, "production", null, target,
                "{}", true, now);
        try {
            transactions.executeWithoutResult(status -> {
                projects.saveAndFlush(project);
                environments.saveAndFlush(production);
                // The production environment comes with the project: one entry, the environment in it.
                Map<String, Object> after = json.convertValue(audited(project), OBJECT_MAP);
                after.put("environments", List.of(audited(production)));
                audit.record(project.organizationId(), "project.created", AuditTarget.of("project", project.id()),
                        null, after);
            });
        }
        catch (DataIntegrityViolationException ex) {
            // Taken concurrently since the check above.
            throw new ProjectProblems.SlugTaken(slug);
        }
        log.info("User {} created project {} from repository {} in organization {}", userId, project.id(),
                repository.repositoryId(), project.organizationId());
        return view(projects.findById(project.id()).orElseThrow());
    }

    Page<ProjectApi.ProjectView> list(UUID organizationId, String query, UUID userId, Pageable pageable) {
        access.require(organizationId, userId, Role.VIEWER);
        Page<Project> page = query == null || query.isBlank() ? projects.findByOrganizationId(organizationId, pageable)
                : projects.search(organizationId, "%" + query.strip().toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", pageable);
        return page.map(this::view);
    }

    ProjectApi.ProjectView view(UUID projectId, UUID userId) {
        return view(requireEntity(projectId, userId, Role.VIEWER));
    }

    ProjectApi.ProjectView update(UUID projectId, ProjectApi.UpdateProject request, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.DEVELOPER);
        ProjectAudit before = audited(project);
        Map<String, String> overrides = request.reset() ? new LinkedHashMap<>()
                : readMap(project.buildOverrides());
        overrides.putAll(checkedOverrides(request.buildConfiguration()));
        Instant now = clock.instant();
        if (request.name() != null) {
            project.rename(request.name().strip(), now);
        }
        if (request.description() != null) {
            project.describe(blankToNull(request.description()), now);
        }
        if (request.productionBranch() != null) {
            project.followBranch(request.productionBranch(), now);
        }
        if (request.rootDirectory() != null) {
            project.moveRoot(normalizeDirectory(request.rootDirectory()), now);
        }
        if (request.reset() || request.buildConfiguration() != null) {
            project.overrideBuild(json.writeValueAsString(overrides), now);
        }
        transactions.executeWithoutResult(status -> {
            projects.saveAndFlush(project);
            ProjectAudit after = audited(project);
            if (!after.equals(before)) {
                audit.record(project.organizationId(), "project.updated", AuditTarget.of("project", projectId), before,
                        after);
            }
        });
        return view(projects.findById(projectId).orElseThrow());
    }

    void delete(UUID projectId, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.ADMIN);
        if (inFlight("project_id", projectId)) {
            throw new ProjectProblems.DeploymentsInProgress("project");
        }
        for (Environment environment : environments.findByProjectIdOrderByCreatedAt(projectId)) {
            release(summary(project, environment));
        }
        transactions.executeWithoutResult(status -> {
            projects.deleteById(projectId);
            audit.record(project.organizationId(), "project.deleted", AuditTarget.of("project", projectId),
                    audited(project), null);
        });
        log.info("User {} deleted project {} of organization {}", userId, projectId, project.organizationId());
    }

    // ------------------------------------------------------------------ environments

    List<ProjectApi.EnvironmentView> environments(UUID projectId, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.VIEWER);
        return environments.findByProjectIdOrderByCreatedAt(project.id()).stream()
                .map(environment -> environmentView(project, environment)).toList();
    }

    ProjectApi.EnvironmentView environment(UUID projectId, String name, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.VIEWER);
        return environmentView(project, requireEnvironment(project, name));
    }

    ProjectApi.EnvironmentView createEnvironment(UUID projectId, ProjectApi.CreateEnvironment request, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.ADMIN);
        if (environments.existsByProjectIdAndName(projectId, request.name())) {
            throw new ProjectProblems.EnvironmentExists(request.name());
        }
        String target = request.target() != null ? request.target() : defaultTarget();
        Map<String, String> settings = checkedSettings(project.organizationId(), target, request.settings());
        Environment environment = new Environment(projectId, request.name(),
                request.kind() == null ? "custom" : request.kind(), request.branch(), target,
                json.writeValueAsString(settings), request.autoDeploy() == null || request.autoDeploy(), clock.instant());
        try {
            transactions.executeWithoutResult(status -> {
                environments.saveAndFlush(environment);
                audit.record(project.organizationId(), "environment.created",
                        AuditTarget.of("environment", environment.id()), null, audited(environment));
            });
        }
        catch (DataIntegrityViolationException ex) {
            throw new ProjectProblems.EnvironmentExists(request.name());
        }
        return environmentView(project, environments.findById(environment.id()).orElseThrow());
    }

    ProjectApi.EnvironmentView updateEnvironment(UUID projectId, String name, ProjectApi.UpdateEnvironment request,
            UUID userId) {
        Project project = requireEntity(projectId, userId, Role.ADMIN);
        Environment environment = requireEnvironment(project, name);
        EnvironmentAudit before = audited(environment);
        Instant now = clock.instant();
        String previousTarget = environment.target();
        String target = request.target() != null ? request.target() : previousTarget;
        boolean retargeted = !target.equals(previousTarget);
        if (retargeted && inFlight("environment_id", environment.id())) {
            throw new ProjectProblems.DeploymentsInProgress("environment");
        }
        if (request.settings() != null || retargeted) {
            Map<String, String> settings = request.settings() != null ? request.settings()
                    : readMap(environment.settings());
            Map<String, String> checked = checkedSettings(project.organizationId(), target, settings);
            environment.retarget(target, json.writeValueAsString(checked), now);
        }
        if (request.branch() != null) {
            environment.follow(request.branch(), now);
        }
        if (request.autoDeploy() != null) {
            environment.autoDeploy(request.autoDeploy(), now);
        }
        if (retargeted) {
            // What the old target runs for the environment is not served any more.
            targets.find(previousTarget).ifPresent(old -> old.destroy(summary(project, environment).asTarget()));
        }
        transactions.executeWithoutResult(status -> {
            environments.saveAndFlush(environment);
            if (retargeted) {
                serve(environment.id(), null);
            }
            EnvironmentAudit after = audited(environment);
            if (!after.equals(before)) {
                audit.record(project.organizationId(), "environment.updated",
                        AuditTarget.of("environment", environment.id()), before, after);
            }
        });
        return environmentView(project, environments.findById(environment.id()).orElseThrow());
    }

    void deleteEnvironment(UUID projectId, String name, UUID userId) {
        Project project = requireEntity(projectId, userId, Role.ADMIN);
        Environment environment = requireEnvironment(project, name);
        if (Environment.PRODUCTION.equals(environment.kind())) {
            throw new ProjectProblems.ProductionKept();
        }
        if (inFlight("environment_id", environment.id())) {
            throw new ProjectProblems.DeploymentsInProgress("environment");
        }
        release(summary(project, environment));
        transactions.executeWithoutResult(status -> {
            environments.deleteById(environment.id());
            audit.record(project.organizationId(), "environment.deleted",
                    AuditTarget.of("environment", environment.id()), audited(environment), null);
        });
    }

    // ------------------------------------------------------------------ internals

    private Project requireEntity(UUID projectId, UUID userId, Role minimum) {
        Project project = projects.findById(projectId).orElseThrow(ProjectProblems.ProjectNotFound::new);
        access.require(project.organizationId(), userId, minimum, ProjectProblems.ProjectNotFound::new);
        return project;
    }

    private Environment requireEnvironment(Project project, String name) {
        return environments.findByProjectIdAndName(project.id(), name)
                .orElseThrow(() -> new ProjectProblems.EnvironmentNotFound(name));
    }

    private boolean inFlight(String column, UUID id) {
        return jdbc.sql("SELECT count(*) FROM deployments WHERE " + column + " = ? AND status IN (?, ?, ?)")
                .params(id, IN_FLIGHT.get(0), IN_FLIGHT.get(1), IN_FLIGHT.get(2)).query(Long.class).single() > 0;
    }

    /** Stops what the target runs for the environment and releases what other features keep for it. */
    private void release(EnvironmentSummary environment) {
        targets.find(environment.target()).ifPresent(target -> target.destroy(environment.asTarget()));
        resources.orderedStream().forEach(resource -> resource.release(environment));
    }

    private String defaultTarget() {
        String target = properties.defaultTarget();
        if (targets.find(target).isEmpty()) {
            throw new ProjectProblems.UnknownTarget(target, targets.ids());
        }
        return target;
    }

    private Map<String, String> checkedSettings(UUID organizationId, String targetId, Map<String, String> settings) {
        DeployTarget target = targets.find(targetId)
                .orElseThrow(() -> new ProjectProblems.UnknownTarget(targetId, targets.ids()));
        Map<String, String> values = settings == null ? Map.of() : settings;
        target.checkSettings(values);
        String providerId = values.get(PROVIDER_ID);
        if (providerId != null) {
            cicd.checkSetting(providerId, organizationId, targetId);
        }
        return new LinkedHashMap<>(values);
    }

    /** Build overrides as given, after checking each key is known and each command parses. */
    private static Map<String, String> checkedOverrides(Map<String, String> requested) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (requested == null) {
            return overrides;
        }
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null || entry.getValue().isBlank() ? null : entry.getValue().strip();
            if (!BuildSettings.KEYS.contains(key)) {
                throw new ProjectProblems.InvalidBuildConfiguration("Unknown build setting '" + key + "'; known: "
                        + String.join(", ", BuildSettings.KEYS) + ".");
            }
            if (value != null && key.endsWith("Command")) {
                try {
                    CommandLine.parse(value);
                }
                catch (InvalidCommand ex) {
                    throw new ProjectProblems.InvalidBuildConfiguration(key + ": " + ex.getMessage());
                }
            }
            if (value != null && (key.equals("outputDirectory") || key.equals("migrationsPath"))
                    && !value.matches(ProjectApi.DIRECTORY)) {
                throw new ProjectProblems.InvalidBuildConfiguration(
                        key + " must be a relative path inside the app's directory.");
            }
            if (value != null && value.length() > 4096) {
                throw new ProjectProblems.InvalidBuildConfiguration(key + " is longer than 4096 characters.");
            }
            overrides.put(key, value);
        }
        return overrides;
    }

    private BuildSettings effectiveBuild(Project project) {
        Map<String, String> values = readMap(project.detectedBuild());
        readMap(project.buildOverrides()).forEach((key, value) -> {
            if (value == null) {
                values.remove(key);
            }
            else {
                values.put(key, value);
            }
        });
        return BuildSettings.of(values);
    }

    private ProjectAudit audited(Project project) {
        return new ProjectAudit(project.name(), project.slug(), project.description(), project.repositoryId(),
                project.repositoryUrl(), project.productionBranch(), project.rootDirectory(),
                readMap(project.buildOverrides()));
    }

    private EnvironmentAudit audited(Environment environment) {
        return new EnvironmentAudit(environment.projectId(), environment.name(), environment.kind(),
                environment.branch(), environment.target(), readMap(environment.settings()), environment.autoDeploy());
    }

    private ProjectSummary summary(Project project) {
        return new ProjectSummary(project.id(), project.organizationId(), project.name(), project.slug(),
                project.repositoryId(), project.repositoryUrl(), project.productionBranch(), project.rootDirectory(),
                project.framework(), effectiveBuild(project));
    }

    private EnvironmentSummary summary(Project project, Environment environment) {
        String branch = environment.branch() != null ? environment.branch()
                : Environment.PRODUCTION.equals(environment.kind()) ? project.productionBranch() : null;
        return new EnvironmentSummary(environment.id(), summary(project), environment.name(), environment.kind(),
                branch, environment.target(), readMap(environment.settings()), environment.autoDeploy(),
                environment.variablesVersion(), environment.currentDeploymentId());
    }

    private ProjectApi.ProjectView view(Project project) {
        Optional<AnalyzedRepositories.Analyzed> analysis = analyzed.find(project.repositoryId());
        List<ProjectApi.EnvironmentView> environmentViews = environments.findByProjectIdOrderByCreatedAt(project.id())
                .stream().map(environment -> environmentView(project, environment)).toList();
        return new ProjectApi.ProjectView(project.id(), project.organizationId(), project.name(), project.slug(),
                project.description(), new ProjectApi.RepositoryRef(project.repositoryId(), project.repositoryUrl()),
                project.productionBranch(), project.rootDirectory(), project.framework(),
                effectiveBuild(project).asMap(), readMap(project.detectedBuild()), readMap(project.buildOverrides()),
                analysis.map(a -> new ProjectApi.AnalysisRef(a.analysisId(), a.commitSha(), a.branch(), a.analyzedAt()))
                        .orElse(null),
                project.status(), environmentViews, project.createdBy(), project.createdAt(), project.updatedAt());
    }

    private ProjectApi.EnvironmentView environmentView(Project project, Environment environment) {
        EnvironmentSummary summary = summary(project, environment);
        String url = environment.currentDeploymentId() == null ? null : targets.find(environment.target())
                .map(target -> target.status(summary.asTarget())).map(TargetStatus::url).orElse(null);
        return new ProjectApi.EnvironmentView(environment.id(), environment.name(), environment.kind(), summary.branch(),
                environment.target(), summary.settings(), environment.autoDeploy(),
                environment.currentDeploymentId(), url, environment.variablesVersion(), environment.createdAt(),
                environment.updatedAt());
    }

    private Map<String, String> readMap(String text) {
        Map<String, String> map = text == null ? null : json.readValue(text, STRING_MAP);
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }

    private String freeSlug(UUID organizationId, String base) {
        String slug = base;
        for (int n = 2; projects.existsByOrganizationIdAndSlug(organizationId, slug); n++) {
            String suffix = "-" + n;
            slug = base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
        }
        return slug;
    }

    static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "project" : slug;
    }

    static String repositoryName(String url) {
        String path = url.replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        return last.isBlank() ? "project" : last.length() > 100 ? last.substring(0, 100) : last;
    }

    private static String normalizeDirectory(String directory) {
        if (directory == null) {
            return "";
        }
        String normalized = directory.strip().replaceAll("/+", "/").replaceAll("^\\./", "").replaceAll("/$", "");
        return normalized.equals(".") ? "" : normalized;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
