package dev.autodeploy.analyzer.repository;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.autodeploy.analyzer.github.GitHub;
import dev.autodeploy.git.GitFailure;
import dev.autodeploy.git.GitProblems;
import dev.autodeploy.git.GitRemotes;
import dev.autodeploy.git.GitUrl;
import dev.autodeploy.git.GitUrlPolicy;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repositories of organizations: registering any Git URL (checked against SSRF, default branch
 * asked of the remote), importing from the user's GitHub account, listing, reading and removing —
 * each after checking the caller's role in the repository's organization. Network calls happen
 * before, never inside, a transaction; nothing is stored when any check fails.
 */
@Service
public class RepositoryRegistry {

    private static final Logger log = LoggerFactory.getLogger(RepositoryRegistry.class);
    private static final String FALLBACK_BRANCH = "main";

    private final RegisteredRepositories repositories;
    private final OrganizationAccess access;
    private final GitUrlPolicy urls;
    private final GitRemotes remotes;
    private final GitHub gitHub;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    RepositoryRegistry(RegisteredRepositories repositories, OrganizationAccess access, GitUrlPolicy urls,
            GitRemotes remotes, GitHub gitHub, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.repositories = repositories;
        this.access = access;
        this.urls = urls;
        this.remotes = remotes;
        this.gitHub = gitHub;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The repository when the user has at least {@code minimum} in its organization; 404 for non-members. */
    public RepositorySummary require(UUID repositoryId, UUID userId, Role minimum) {
        return requireEntity(repositoryId, userId, minimum).summary();
    }

    /** The repository, without any access check (for work already authorized, like a queued analysis). */
    public Optional<RepositorySummary> find(UUID repositoryId) {
        return repositories.findById(repositoryId).map(RegisteredRepository::summary);
    }

    /** Records what an analysis found about the repository; runs in the caller's transaction. */
    public void analyzed(UUID repositoryId, String language) {
        repositories.findById(repositoryId).ifPresent(repository -> repository.analyzed(language, clock.instant()));
    }

    RepositoryApi.RepositoryView view(UUID repositoryId, UUID userId) {
        return requireEntity(repositoryId, userId, Role.VIEWER).view();
    }

    Page<RepositoryApi.RepositoryView> list(UUID organizationId, UUID userId, Pageable pageable) {
        access.require(organizationId, userId, Role.VIEWER);
        return repositories.findByOrganizationId(organizationId, pageable).map(RegisteredRepository::view);
    }

    RepositoryApi.RepositoryView register(RepositoryApi.RegisterRepository request, UUID userId) {
        access.require(request.organizationId(), userId, Role.DEVELOPER);
        GitUrl url = urls.check(request.url());
        if (repositories.existsByOrganizationIdAndUrl(request.organizationId(), url.value())) {
            throw new RepositoryProblems.AlreadyRegistered();
        }
        String defaultBranch = request.defaultBranch();
        if (defaultBranch == null) {
            try {
                defaultBranch = remotes.defaultBranch(url, null).orElse(FALLBACK_BRANCH);
            }
            catch (GitFailure ex) {
                throw new GitProblems.RemoteUnavailable(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage());
            }
        }
        else if (!GitRemotes.isBranchName(defaultBranch)) {
            throw new GitProblems.BranchNotFound(defaultBranch);
        }
        RegisteredRepository repository = new RegisteredRepository(request.organizationId(), "git", null,
                url.fullName(), url.value(), defaultBranch, false, null, userId, clock.instant());
        RepositoryApi.RepositoryView saved = save(repository);
        log.info("User {} registered repository {} in organization {}", userId, saved.id(), saved.organizationId());
        return saved;
    }

    RepositoryApi.RepositoryView importFromGitHub(RepositoryApi.ImportGitHubRepository request, UUID userId) {
        access.require(request.organizationId(), userId, Role.DEVELOPER);
        GitHub.Repository found = gitHub.repository(userId, request.fullName());
        GitUrl url = urls.parse(found.cloneUrl());
        if (repositories.existsByOrganizationIdAndGithubId(request.organizationId(), found.id())
                || repositories.existsByOrganizationIdAndUrl(request.organizationId(), url.value())) {
            throw new RepositoryProblems.AlreadyRegistered();
        }
        String defaultBranch = GitRemotes.isBranchName(found.defaultBranch()) ? found.defaultBranch() : FALLBACK_BRANCH;
        RegisteredRepository repository = new RegisteredRepository(request.organizationId(), "github", found.id(),
                found.fullName(), url.value(), defaultBranch, found.isPrivate(), found.language(), userId,
                clock.instant());
        RepositoryApi.RepositoryView saved = save(repository);
        log.info("User {} imported GitHub repository {} as {} in organization {}", userId, found.id(), saved.id(),
                saved.organizationId());
        return saved;
    }

    RepositoryApi.GitHubRepositoryPage discover(UUID organizationId, UUID userId, int page, int size) {
        access.require(organizationId, userId, Role.VIEWER);
        GitHub.RepositoryPage found = gitHub.repositoriesOf(userId, page, size);
        List<GitHub.Repository> items = found.repositories();
        List<RegisteredRepository> registered = items.isEmpty() ? List.of()
                : repositories.findRegistered(organizationId, items.stream().map(GitHub.Repository::id).toList(),
                        items.stream().map(GitHub.Repository::cloneUrl).toList());
        Map<Long, RegisteredRepository> byGitHubId = registered.stream().filter(r -> r.view().githubId() != null)
                .collect(Collectors.toMap(r -> r.view().githubId(), Function.identity(), (a, b) -> a));
        Map<String, RegisteredRepository> byUrl = registered.stream()
                .collect(Collectors.toMap(r -> r.view().url(), Function.identity(), (a, b) -> a));
        List<RepositoryApi.GitHubRepositoryView> views = items.stream().map(item -> {
            RegisteredRepository match = byGitHubId.getOrDefault(item.id(), byUrl.get(item.cloneUrl()));
            return new RepositoryApi.GitHubRepositoryView(item.id(), item.fullName(), item.htmlUrl(), item.cloneUrl(),
                    item.defaultBranch(), item.isPrivate(), item.language(), item.description(), item.updatedAt(),
                    match != null, match == null ? null : match.id());
        }).toList();
        return new RepositoryApi.GitHubRepositoryPage(views,
                new RepositoryApi.GitHubPageMetadata(found.page(), found.size(), found.hasNext(), found.totalPages()));
    }

    void delete(UUID repositoryId, UUID userId) {
        RegisteredRepository repository = requireEntity(repositoryId, userId, Role.ADMIN);
        RepositoryApi.RepositoryView before = repository.view();
        transactions.executeWithoutResult(status -> {
            repositories.delete(repository);
            audit.record(before.organizationId(), "repository.deleted", AuditTarget.of("repository", before.id()),
                    facts(before), null);
        });
        log.info("User {} removed repository {} from organization {}", userId, repositoryId, repository.organizationId());
    }

    /** What the audit log keeps of a repository (its URL never holds credentials). */
    private record RepositoryFacts(String provider, Long githubId, String fullName, String url, String defaultBranch,
            boolean isPrivate) {
    }

    private static RepositoryFacts facts(RepositoryApi.RepositoryView repository) {
        return new RepositoryFacts(repository.provider(), repository.githubId(), repository.fullName(), repository.url(),
                repository.defaultBranch(), repository.isPrivate());
    }

    private RegisteredRepository requireEntity(UUID repositoryId, UUID userId, Role minimum) {
        RegisteredRepository repository = repositories.findById(repositoryId)
                .orElseThrow(RepositoryProblems.RepositoryNotFound::new);
        access.require(repository.organizationId(), userId, minimum, RepositoryProblems.RepositoryNotFound::new);
        return repository;
    }

    private RepositoryApi.RepositoryView save(RegisteredRepository repository) {
        try {
            return transactions.execute(status -> {
                RepositoryApi.RepositoryView saved = repositories.saveAndFlush(repository).view();
                audit.record(saved.organizationId(), "repository.registered", AuditTarget.of("repository", saved.id()),
                        null, facts(saved));
                return saved;
            });
        }
        catch (DataIntegrityViolationException ex) {
            // Registered concurrently by someone else since the check above.
            throw new RepositoryProblems.AlreadyRegistered();
        }
    }
}
