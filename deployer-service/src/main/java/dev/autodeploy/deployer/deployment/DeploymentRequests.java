package dev.autodeploy.deployer.deployment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import javax.crypto.spec.SecretKeySpec;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.deployer.project.ProjectSummary;
import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.DeployTargets;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.vault.TokenVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What users (and CI systems) ask of deployments: deploy a branch or commit, retry one, roll back to one (by id,
 * by commit, or to the last success), cancel one, report a CI run's status, read and list them. Every new
 * deployment is an immutable record linked to the one it retries or rolls back ({@code parentId}), stored queued
 * with its job in one transaction (outbox): nothing asked for is lost if Kafka or the worker is down. Viewers
 * read, developers deploy; other organizations' deployments answer 404.
 */
@Service
class DeploymentRequests {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRequests.class);
    private static final int MAX_METADATA = 16 * 1024;
    private static final Map<String, List<String>> STATUS_FILTERS = Map.of(
            "running", List.of("building", "deploying"), "success", List.of("ready"), "failed", List.of("error"),
            "canceled", List.of("cancelled"));

    private final DeploymentStore store;
    private final DeploymentGuard guard;
    private final DeploymentTransitions transitions;
    private final DeploymentEvents events;
    private final RunningDeployments running;
    private final ProjectRegistry projects;
    private final OrganizationAccess access;
    private final SourceCheckouts sources;
    private final StepEstimates estimates;
    private final DeployTargets targets;
    private final TokenVault vault;
    private final ReleaseHistory history;
    private final JsonMapper json;
    private final Validator validator;
    private final TransactionTemplate transactions;
    private final DeploymentAudit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DeploymentRequests(DeploymentStore store, DeploymentGuard guard, DeploymentTransitions transitions,
            DeploymentEvents events,
            RunningDeployments running, ProjectRegistry projects, OrganizationAccess access, SourceCheckouts sources,
            StepEstimates estimates, DeployTargets targets, TokenVault vault, ReleaseHistory history, JsonMapper json,
            Validator validator, TransactionTemplate transactions, DeploymentAudit audit, Clock clock) {
        this.history = history;
        this.store = store;
        this.guard = guard;
        this.transitions = transitions;
        this.events = events;
        this.running = running;
        this.projects = projects;
        this.access = access;
        this.sources = sources;
        this.estimates = estimates;
        this.targets = targets;
        this.vault = vault;
        this.json = json;
        this.validator = validator;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ new deployments

    DeploymentApi.DeploymentView deploy(UUID projectId, DeploymentApi.CreateDeployment request, UUID userId) {
        String environmentName = request.environment() == null ? "production" : request.environment();
        // A new database adds a secret variable: that is an admin's to decide.
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentName, userId,
                Boolean.TRUE.equals(request.provisionDatabase()) ? Role.ADMIN : Role.DEVELOPER);
        ProjectSummary project = environment.project();
        String branch = request.branch() != null ? request.branch() : environment.branch();
        String commit = request.commitSha();
        if (commit == null && branch == null) {
            throw new DeploymentProblems.NoBranch();
        }
        DeploymentGuard.Clearance clearance = clear(environment, Deployment.DEPLOY, branch, userId);
        if (commit == null) {
            commit = resolve(project.repositoryUrl(), branch);
        }
        if (commit != null && !Boolean.TRUE.equals(request.force())) {
            history.blocked(environment.id(), commit).ifPresent(reason -> {
                throw new DeploymentProblems.CommitBlocked(reason);
            });
        }
        Deployment created = create(clearance, environment, Deployment.DEPLOY, null, project.repositoryUrl(), branch,
                commit, null, null, project.rootDirectory(), project.build(),
                Boolean.TRUE.equals(request.provisionDatabase()), userId);
        return view(created, true);
    }

    /** The branch's head now; null when the Git host does not answer (the analyze step resolves it then). */
    private String resolve(String repositoryUrl, String branch) {
        try {
            return sources.resolve(repositoryUrl, branch).orElseThrow(() -> new DeploymentProblems.BranchNotFound(branch));
        }
        catch (DeployFailure failure) {
            if (!failure.retryable()) {
                throw new DeploymentProblems.RepositoryRefused(failure.getMessage());
            }
            log.info("Could not resolve {} now ({}); the deployment resolves it when it runs", branch,
                    failure.getMessage());
            return null;
        }
    }

    DeploymentApi.DeploymentView retry(UUID id, UUID userId) {
        Deployment parent = require(id, userId, Role.DEVELOPER);
        if (!parent.status().terminal()) {
            throw new DeploymentProblems.InProgress();
        }
        EnvironmentSummary environment = environmentOf(parent);
        return view(create(clear(environment, Deployment.RETRY, parent.branch(), userId), environment,
                Deployment.RETRY, parent.id(), parent.repositoryUrl(), parent.branch(),
                parent.commitSha(), parent.commitMessage(), parent.commitTime(), parent.rootDirectory(), parent.build(),
                parent.provisionDatabase(), userId), true);
    }

    DeploymentApi.DeploymentView rollback(UUID id, boolean keepCurrentVariables, UUID userId) {
        return rollback(require(id, userId, Role.DEVELOPER), keepCurrentVariables, userId);
    }

    DeploymentApi.DeploymentView rollbackToCommit(UUID projectId, DeploymentApi.RollbackToCommit request, UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentOr(request.environment()),
                userId, Role.DEVELOPER);
        Deployment target = store.lastReady(environment.id(), null, request.commitSha().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new DeploymentProblems.NoReadyDeployment("No deployment of commit "
                        + request.commitSha() + " reached ready in " + environment.name() + "."));
        return rollback(target, Boolean.TRUE.equals(request.keepCurrentVariables()), userId);
    }

    DeploymentApi.DeploymentView rollbackToLastSuccess(UUID projectId, DeploymentApi.RollbackToLastSuccess request,
            UUID userId) {
        EnvironmentSummary environment = projects.requireEnvironment(projectId, environmentOr(request.environment()),
                userId, Role.DEVELOPER);
        Deployment target = store.lastReady(environment.id(), environment.currentDeploymentId(), null)
                .orElseThrow(() -> new DeploymentProblems.NoReadyDeployment("The environment has no successful "
                        + "deployment besides the one it serves now."));
        return rollback(target, Boolean.TRUE.equals(request.keepCurrentVariables()), userId);
    }

    /**
     * The rollback's record, and in its transaction the commit the environment serves now blocked there (pushes
     * and auto-deploys skip it until it is unblocked).
     */
    private DeploymentApi.DeploymentView rollback(Deployment parent, boolean keepCurrentVariables, UUID userId) {
        if (parent.status() != DeploymentStatus.READY) {
            throw new DeploymentProblems.NeverReady();
        }
        EnvironmentSummary environment = environmentOf(parent);
        DeploymentGuard.Clearance clearance = clear(environment, Deployment.ROLLBACK, parent.branch(), userId);
        Deployment created = transactions.execute(tx -> {
            Deployment rollback = create(clearance, environment, Deployment.ROLLBACK, parent.id(),
                    parent.repositoryUrl(), parent.branch(), parent.commitSha(), parent.commitMessage(),
                    parent.commitTime(), parent.rootDirectory(), parent.build(), false, userId);
            store.mergeMetadata(rollback.id(), Map.of(DeploymentContexts.KEEP_CURRENT_VARIABLES,
                    keepCurrentVariables), clock.instant());
            Optional<Deployment> serving = Optional.ofNullable(environment.currentDeploymentId())
                    .flatMap(store::find);
            serving.filter(from -> from.commitSha() != null && !from.commitSha().equals(parent.commitSha()))
                    .ifPresent(from -> history.rolledBack(new ReleaseHistory.RolledBack(environment.organizationId(),
                            environment.id(), environment.name(), from.commitSha(), from.id(), rollback.id(),
                            userId)));
            return store.find(rollback.id()).orElseThrow();
        });
        return view(created, true);
    }

    /** What the environment's protection says; before any transaction, so a refusal never spoils the caller's. */
    private DeploymentGuard.Clearance clear(EnvironmentSummary environment, String action, String branch,
            UUID userId) {
        return guard.clear(new DeploymentGuard.Attempt(environment, action, branch, userId));
    }

    private Deployment create(DeploymentGuard.Clearance clearance, EnvironmentSummary environment, String action,
            UUID parentId, String repositoryUrl, String branch, String commit, String commitMessage, Instant commitTime, String rootDirectory,
            BuildSettings build, boolean provisionDatabase, UUID userId) {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        DeploymentStore.NewDeployment deployment = new DeploymentStore.NewDeployment(id, environment.organizationId(),
                environment.project().id(), environment.id(), environment.name(), action, parentId,
                environment.target(), repositoryUrl, branch, commit, commitMessage, commitTime, rootDirectory, build,
                vault.encrypt(token, DeploymentContexts.tokenContext(id)), provisionDatabase, userId, clock.instant(),
                estimates.forProject(environment.project().id()));
        Deployment created = transactions.execute(tx -> {
            store.insert(deployment);
            if (clearance.approvalRequired()) {
                // Its job is queued once approved: waiting, it holds up nothing in the environment's queue.
                store.awaitApproval(id);
                guard.awaitingApproval(id, environment, userId);
            }
            if (!clearance.metadata().isEmpty()) {
                store.mergeMetadata(id, clearance.metadata(), clock.instant());
            }
            Deployment stored = store.find(id).orElseThrow();
            events.statusChanged(stored, null, null);
            if (!clearance.approvalRequired()) {
                events.queued(stored, action);
            }
            audit.created(stored, userId);
            return stored;
        });
        log.info("{} {} {} {} of project {} to {} at {}", userId == null ? "A trigger" : "User " + userId,
                clearance.approvalRequired() ? "asked approval for" : "queued", action,
                id, environment.project().id(), environment.name(), commit == null ? branch : commit);
        return created;
    }

    // ------------------------------------------------------------------ cancel, callbacks

    /** What a cancel did: {@code now} when the deployment is cancelled already, false when its worker will stop it. */
    record Cancellation(DeploymentApi.DeploymentView deployment, boolean now) {
    }

    Cancellation cancel(UUID id, UUID userId) {
        Deployment deployment = require(id, userId, Role.DEVELOPER);
        if (deployment.status() == DeploymentStatus.CANCELLED) {
            return new Cancellation(view(deployment, true), true);
        }
        if (deployment.status().terminal()) {
            throw new DeploymentProblems.Finished(deployment.status().wire());
        }
        boolean now = cancel(id, userId, "Cancelled by user " + userId + ".");
        log.info("User {} cancelled deployment {}{}", userId, id, now ? "" : " (its worker stops it)");
        return new Cancellation(view(store.find(id).orElseThrow(), true), now);
    }

    /** Cancels the deployment; true when it is cancelled now, false when its worker stops it shortly. */
    private boolean cancel(UUID id, UUID userId, String reason) {
        boolean now = Boolean.TRUE.equals(transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
            if (current.status().terminal()) {
                return current.status() == DeploymentStatus.CANCELLED;
            }
            store.requestCancel(id, userId, clock.instant());
            audit.cancelled(current, userId, reason);
            if (current.awaitingCallback()) {
                targets.find(current.target()).ifPresent(target -> target.cancel(id));
                transitions.abandon(id, DeploymentStatus.CANCELLED, reason);
                events.queued(current, "after-cancel");
                return true;
            }
            if (current.claimedBy() == null) {
                // No worker holds it (queued, or waiting out a back-off): nothing runs to be stopped.
                transitions.abandon(id, DeploymentStatus.CANCELLED, reason);
                return true;
            }
            return false;
        }));
        if (!now) {
            // The worker notices at its next heartbeat; when it runs here, it is told at once.
            running.cancelHere(id);
        }
        return now;
    }

    // ------------------------------------------------------------------ triggers (Git host webhooks)

    /**
     * A deployment of the commit to the environment that no user asked for (a push or pull request did): no
     * {@code triggeredBy}, the trigger's facts in its metadata. Joins the caller's transaction when there is one.
     */
    Deployment trigger(EnvironmentSummary environment, String branch, String commit, Map<String, Object> metadata) {
        ProjectSummary project = environment.project();
        DeploymentGuard.Clearance clearance = clear(environment, Deployment.DEPLOY, branch, null);
        return transactions.execute(tx -> {
            Deployment created = create(clearance, environment, Deployment.DEPLOY, null, project.repositoryUrl(),
                    branch, commit, null, null, project.rootDirectory(), project.build(), false, null);
            store.mergeMetadata(created.id(), metadata, clock.instant());
            Deployment triggered = store.find(created.id()).orElseThrow();
            audit.triggered(triggered);
            return triggered;
        });
    }

    /**
     * Cancels every queued, running or approval-awaiting deployment of the environment; true when none of them runs
     * any more.
     */
    boolean cancelAll(UUID environmentId, String reason) {
        boolean all = true;
        List<Deployment> open = new ArrayList<>(store.awaitingApproval(environmentId));
        open.addAll(store.inFlight(environmentId));
        for (Deployment deployment : open) {
            all &= cancel(deployment.id(), null, reason);
        }
        return all;
    }

    /**
     * The deployment waited for approval and got it: it is queued and its job goes to the environment's workers.
     * False when it no longer waits. Joins the caller's transaction.
     */
    boolean approved(UUID id, String reason) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
            if (current.status() != DeploymentStatus.AWAITING_APPROVAL
                    || !store.move(id, null, DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.QUEUED, reason,
                            clock.instant())) {
                return false;
            }
            Deployment after = store.find(id).orElseThrow();
            events.statusChanged(after, DeploymentStatus.AWAITING_APPROVAL, reason);
            events.queued(after, "approved");
            return true;
        }));
    }

    /** The deployment waiting for approval ends cancelled (rejected, expired); false when it no longer waits. */
    boolean refused(UUID id, String reason) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
            if (current.status() != DeploymentStatus.AWAITING_APPROVAL) {
                return false;
            }
            transitions.abandon(id, DeploymentStatus.CANCELLED, reason);
            return true;
        }));
    }

    /** Whether the environment has a queued or running deployment (one awaiting approval does not count). */
    boolean busy(UUID environmentId) {
        return !store.inFlight(environmentId).isEmpty();
    }

    /** Who presents a status report: a user's token, or the deployment's callback token or signature. */
    record Reporter(UUID userId, String token, String signature) {

        @Override
        public String toString() {
            return "Reporter[" + (userId != null ? "user " + userId : token != null ? "token" : "signature") + "]";
        }
    }

    DeploymentApi.DeploymentView report(UUID id, Reporter reporter, String body) {
        Deployment deployment = store.find(id).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
        authorize(deployment, reporter, body);
        DeploymentApi.StatusReport report = parse(body);
        if (report.metadata() != null && json.writeValueAsString(report.metadata()).length() > MAX_METADATA) {
            throw new DeploymentProblems.MetadataTooLarge();
        }
        Optional<DeploymentStatus> wanted = Optional.empty();
        if (report.status() != null) {
            wanted = Optional.of(DeploymentStateMachine.fromCallback(report.status())
                    .orElseThrow(() -> new DeploymentProblems.UnknownStatus(report.status())));
        }
        DeploymentStatus to = wanted.orElse(deployment.status());
        if (to != deployment.status()) {
            if (deployment.status().terminal()) {
                throw new DeploymentProblems.Finished(deployment.status().wire());
            }
            DeployTarget target = targets.find(deployment.target()).orElse(null);
            if (target == null || !target.reportsStatusByCallback()) {
                throw new DeploymentProblems.StatusOwnedByTarget(deployment.target());
            }
            if (!DeploymentStateMachine.canMove(deployment.status(), to)) {
                throw new DeploymentProblems.InvalidTransition(deployment.status().wire(), to.wire());
            }
        }
        transactions.executeWithoutResult(tx -> {
            if (to != deployment.status() || report.metadata() != null && !report.metadata().isEmpty()) {
                audit.statusReported(deployment, reporter.userId(), to, report);
            }
            if (report.metadata() != null && !report.metadata().isEmpty()) {
                store.mergeMetadata(id, report.metadata(), clock.instant());
            }
            if (to != deployment.status()) {
                try {
                    Deployment after = transitions.reported(id, to, report.reason(), report.url());
                    if (after.status().terminal()) {
                        // The environment may have work waiting behind this one.
                        events.queued(after, "after-callback");
                    }
                }
                catch (DeploymentTransitions.Superseded ex) {
                    throw new DeploymentProblems.InvalidTransition(deployment.status().wire(), to.wire());
                }
            }
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /** The body as read for its signature, then as JSON, then checked like any request body. */
    private DeploymentApi.StatusReport parse(String body) {
        DeploymentApi.StatusReport report;
        try {
            report = body == null || body.isBlank() ? new DeploymentApi.StatusReport(null, null, null, null)
                    : json.readValue(body, DeploymentApi.StatusReport.class);
        }
        catch (tools.jackson.core.JacksonException ex) {
            throw new DeploymentProblems.MalformedReport();
        }
        Set<ConstraintViolation<DeploymentApi.StatusReport>> violations = validator.validate(report);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return report;
    }

    private void authorize(Deployment deployment, Reporter reporter, String body) {
        if (reporter.userId() != null) {
            access.require(deployment.organizationId(), reporter.userId(), Role.DEVELOPER,
                    DeploymentProblems.DeploymentNotFound::new);
            return;
        }
        String expected = deployment.callbackToken() == null ? null
                : vault.decrypt(deployment.callbackToken(), DeploymentContexts.tokenContext(deployment.id()));
        if (expected == null) {
            throw new DeploymentProblems.CallbackUnauthorized();
        }
        if (reporter.token() != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                reporter.token().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (reporter.signature() != null && MessageDigest.isEqual(
                ("sha256=" + hmac(expected, body == null ? "" : body)).getBytes(StandardCharsets.UTF_8),
                reporter.signature().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        throw new DeploymentProblems.CallbackUnauthorized();
    }

    static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    // ------------------------------------------------------------------ reading

    DeploymentApi.DeploymentView view(UUID id, UUID userId) {
        return view(require(id, userId, Role.VIEWER), true);
    }

    /** Filters of a deployment listing; null means "any". */
    record Filter(UUID organizationId, UUID projectId, String repo, String environment, String status,
            String action) {

        // Postgres refuses a NUL in a text parameter (invalid byte sequence): the client's mistake, not a 500.
        Filter {
            for (String text : new String[] {repo, environment, status, action}) {
                if (text != null && text.indexOf('\0') >= 0) {
                    throw new DeploymentProblems.InvalidFilter("Filters cannot contain NUL characters.");
                }
            }
        }
    }

    Page<DeploymentApi.DeploymentView> list(Filter filter, UUID userId, Pageable pageable) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (filter.projectId() != null) {
            ProjectSummary project = projects.require(filter.projectId(), userId, Role.VIEWER);
            where.add("d.project_id = ?");
            parameters.add(project.id());
        }
        if (filter.organizationId() != null) {
            access.require(filter.organizationId(), userId, Role.VIEWER);
            where.add("d.organization_id = ?");
            parameters.add(filter.organizationId());
        }
        // Whatever else was asked, only the caller's organizations.
        where.add("d.organization_id IN (SELECT organization_id FROM organization_member WHERE user_id = ?)");
        parameters.add(userId);
        if (filter.repo() != null && !filter.repo().isBlank()) {
            String repo = filter.repo().strip();
            Optional<UUID> repositoryId = uuid(repo);
            if (repositoryId.isPresent()) {
                where.add("d.project_id IN (SELECT id FROM projects WHERE repository_id = ?)");
                parameters.add(repositoryId.get());
            }
            else {
                String name = repo.replaceAll("\\.git$", "").replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_");
                where.add("(d.repository_url = ? OR d.repository_url LIKE ? OR d.repository_url LIKE ?)");
                parameters.add(repo);
                parameters.add("%/" + name);
                parameters.add("%/" + name + ".git");
            }
        }
        if (filter.environment() != null && !filter.environment().isBlank()) {
            where.add("d.environment = ?");
            parameters.add(filter.environment().strip());
        }
        if (filter.status() != null && !filter.status().isBlank()) {
            Set<String> statuses = new LinkedHashSet<>();
            for (String value : filter.status().split(",")) {
                String status = value.strip().toLowerCase(Locale.ROOT);
                if (STATUS_FILTERS.containsKey(status)) {
                    statuses.addAll(STATUS_FILTERS.get(status));
                }
                else if (DeploymentStatus.fromWire(status).isPresent()) {
                    statuses.add(status);
                }
                else {
                    throw new DeploymentProblems.InvalidFilter("Unknown status '" + value.strip() + "'.");
                }
            }
            where.add("d.status IN (" + String.join(", ", statuses.stream().map(s -> "?").toList()) + ")");
            parameters.addAll(statuses);
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            String action = filter.action().strip();
            if (!List.of(Deployment.DEPLOY, Deployment.RETRY, Deployment.ROLLBACK).contains(action)) {
                throw new DeploymentProblems.InvalidFilter("Unknown action '" + action + "': deploy, retry or rollback.");
            }
            where.add("d.action = ?");
            parameters.add(action);
        }
        String condition = String.join(" AND ", where);
        long total = store.count(condition, parameters);
        List<Deployment> rows = store.search(condition, parameters, pageable.getPageSize(), pageable.getOffset());
        Map<UUID, DeploymentApi.ProjectRef> refs = new HashMap<>();
        List<DeploymentApi.DeploymentView> views = rows.stream()
                .map(row -> view(row, false, refs.computeIfAbsent(row.projectId(), this::projectRef))).toList();
        return new PageImpl<>(views, pageable, total);
    }

    private DeploymentApi.DeploymentView view(Deployment deployment, boolean withChildren) {
        return view(deployment, withChildren, projectRef(deployment.projectId()));
    }

    private DeploymentApi.DeploymentView view(Deployment deployment, boolean withChildren,
            DeploymentApi.ProjectRef project) {
        Instant now = clock.instant();
        List<DeploymentApi.StepView> steps = deployment.steps().stream().map(step -> {
            Duration duration = step.duration(now);
            return new DeploymentApi.StepView(step.name().wire(), step.status().wire(), step.startedAt(),
                    step.finishedAt(), duration == null ? null : duration.toSeconds(), step.estimatedSeconds(),
                    step.error(), step.attempts());
        }).toList();
        Integer estimated = deployment.steps().stream().filter(step -> step.status() != StepStatus.SKIPPED)
                .map(DeploymentStep::estimatedSeconds).filter(java.util.Objects::nonNull)
                .reduce(Integer::sum).orElse(null);
        Long duration = deployment.startedAt() == null ? null
                : Duration.between(deployment.startedAt(), deployment.finishedAt() != null ? deployment.finishedAt()
                        : now).toSeconds();
        return new DeploymentApi.DeploymentView(deployment.id(), project, deployment.organizationId(),
                deployment.environment(), deployment.environmentId(), deployment.action(), deployment.parentId(),
                withChildren ? store.children(deployment.id()) : null, deployment.status().wire(),
                deployment.statusReason(), deployment.target(), deployment.repositoryUrl(), deployment.branch(),
                deployment.commitSha(), deployment.commitMessage(), deployment.commitTime(), deployment.url(),
                deployment.build().asMap(), deployment.variablesVersion(), estimated, steps, deployment.metadata(),
                deployment.cancelRequested(), deployment.attempts(), deployment.triggeredBy(), deployment.createdAt(),
                deployment.startedAt(), deployment.finishedAt(), duration,
                withChildren || deployment.status() == DeploymentStatus.AWAITING_APPROVAL
                        ? guard.approval(deployment.id()).orElse(null) : null);
    }

    private DeploymentApi.ProjectRef projectRef(UUID projectId) {
        return projects.project(projectId).map(p -> new DeploymentApi.ProjectRef(p.id(), p.name(), p.slug()))
                .orElse(new DeploymentApi.ProjectRef(projectId, null, null));
    }

    private Deployment require(UUID id, UUID userId, Role minimum) {
        Deployment deployment = store.find(id).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
        access.require(deployment.organizationId(), userId, minimum, DeploymentProblems.DeploymentNotFound::new);
        return deployment;
    }

    private EnvironmentSummary environmentOf(Deployment deployment) {
        return projects.environment(deployment.environmentId()).orElseThrow(DeploymentProblems.DeploymentNotFound::new);
    }

    private static String environmentOr(String environment) {
        return environment == null ? "production" : environment;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
