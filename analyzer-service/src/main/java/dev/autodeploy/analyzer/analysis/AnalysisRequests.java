package dev.autodeploy.analyzer.analysis;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;
import dev.autodeploy.analyzer.github.GitHub;
import dev.autodeploy.analyzer.repository.RepositoryRegistry;
import dev.autodeploy.analyzer.repository.RepositorySummary;
import dev.autodeploy.events.AnalysisRequested;
import dev.autodeploy.git.GitCredentials;
import dev.autodeploy.git.GitFailure;
import dev.autodeploy.git.GitProblems;
import dev.autodeploy.git.GitRemotes;
import dev.autodeploy.git.GitUrl;
import dev.autodeploy.git.GitUrlPolicy;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking for and reading analyses. An analysis request resolves the commit first (ls-remote of the
 * branch); a completed analysis of that commit by the running engine version is answered at once
 * (Redis, then the table) unless {@code force}; otherwise a queued analysis is stored and
 * {@code AnalysisRequested} published with it (outbox), for {@link AnalysisWorker}.
 */
@Service
class AnalysisRequests {

    /** What {@link #request} did: {@code created} false when an existing analysis answers. */
    record Outcome(AnalysisApi.AnalysisView analysis, boolean created) {
    }

    private final RepositoryAnalyses analyses;
    private final RepositoryRegistry repositories;
    private final GitUrlPolicy urls;
    private final GitRemotes remotes;
    private final GitHub gitHub;
    private final RepositoryAnalyzer analyzer;
    private final AnalysisCache cache;
    private final AnalysisJson json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    AnalysisRequests(RepositoryAnalyses analyses, RepositoryRegistry repositories, GitUrlPolicy urls, GitRemotes remotes,
            GitHub gitHub, RepositoryAnalyzer analyzer, AnalysisCache cache, AnalysisJson json,
            ApplicationEventPublisher events, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.analyses = analyses;
        this.repositories = repositories;
        this.urls = urls;
        this.remotes = remotes;
        this.gitHub = gitHub;
        this.analyzer = analyzer;
        this.cache = cache;
        this.json = json;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    Outcome request(UUID repositoryId, UUID userId, AnalysisApi.AnalyzeRequest request) {
        RepositorySummary repository = repositories.require(repositoryId, userId, Role.DEVELOPER);
        String branch = request.branch();
        String commit = request.commit();
        if (commit == null) {
            branch = branch == null ? repository.defaultBranch() : branch;
            commit = resolve(repository, branch, userId);
        }
        String engineVersion = analyzer.version();
        if (!request.forced()) {
            Optional<AnalysisApi.AnalysisView> existing = existing(repository, commit, engineVersion);
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
        }
        RepositoryAnalysis queued = new RepositoryAnalysis(repository.id(), branch, commit, engineVersion, userId,
                clock.instant());
        transactions.executeWithoutResult(status -> {
            analyses.save(queued);
            events.publishEvent(new AnalysisRequested(UUID.randomUUID(), clock.instant(), queued.id(), repository.id(),
                    repository.organizationId(), queued.commitSha()));
            // Only a newly queued analysis is a change; an existing one answering is a read.
            audit.record(repository.organizationId(), "analysis.requested", AuditTarget.of("analysis", queued.id()),
                    null, java.util.Map.of("repositoryId", repository.id(), "branch", String.valueOf(queued.branch()),
                            "commitSha", queued.commitSha(), "forced", request.forced()));
        });
        return new Outcome(json.view(queued, repository), true);
    }

    /** A completed analysis of the commit (cache, then table), or one already queued or running for it. */
    private Optional<AnalysisApi.AnalysisView> existing(RepositorySummary repository, String commit,
            String engineVersion) {
        Optional<AnalysisApi.AnalysisView> cached = cache.get(repository.id(), commit, engineVersion);
        if (cached.isPresent()) {
            return cached;
        }
        return analyses.findFirstByRepositoryIdAndCommitShaAndEngineVersionAndStatusInOrderByCreatedAtDesc(
                repository.id(), commit, engineVersion,
                List.of(RepositoryAnalysis.COMPLETED, RepositoryAnalysis.QUEUED, RepositoryAnalysis.RUNNING))
                .map(analysis -> {
                    AnalysisApi.AnalysisView view = json.view(analysis, repository);
                    if (RepositoryAnalysis.COMPLETED.equals(analysis.status())) {
                        cache.put(view);
                    }
                    return view;
                });
    }

    private String resolve(RepositorySummary repository, String branch, UUID userId) {
        GitUrl url = urls.parse(repository.url());
        try {
            return remotes.commitOf(url, branch, credentials(repository, userId))
                    .orElseThrow(() -> new GitProblems.BranchNotFound(branch));
        }
        catch (GitFailure ex) {
            throw new GitProblems.RemoteUnavailable(HttpStatus.BAD_GATEWAY, ex.getMessage());
        }
    }

    /** A private GitHub repository is read with the user's GitHub token; public ones and other hosts anonymously. */
    private GitCredentials credentials(RepositorySummary repository, UUID userId) {
        return repository.fromGitHub() && repository.isPrivate() ? GitCredentials.token(gitHub.cloneToken(userId)) : null;
    }

    AnalysisApi.AnalysisView latest(UUID repositoryId, UUID userId) {
        RepositorySummary repository = repositories.require(repositoryId, userId, Role.VIEWER);
        return analyses.findFirstByRepositoryIdAndStatusOrderByCompletedAtDesc(repositoryId, RepositoryAnalysis.COMPLETED)
                .map(analysis -> json.view(analysis, repository))
                .orElseThrow(AnalysisProblems.NoCompletedAnalysis::new);
    }

    Page<AnalysisApi.AnalysisView> history(UUID repositoryId, UUID userId, Pageable pageable) {
        RepositorySummary repository = repositories.require(repositoryId, userId, Role.VIEWER);
        return analyses.findByRepositoryIdOrderByCreatedAtDesc(repositoryId, pageable)
                .map(analysis -> json.view(analysis, repository));
    }

    AnalysisApi.AnalysisView one(UUID repositoryId, UUID analysisId, UUID userId) {
        RepositorySummary repository = repositories.require(repositoryId, userId, Role.VIEWER);
        return analyses.findByIdAndRepositoryId(analysisId, repositoryId).map(analysis -> json.view(analysis, repository))
                .orElseThrow(AnalysisProblems.AnalysisNotFound::new);
    }
}
