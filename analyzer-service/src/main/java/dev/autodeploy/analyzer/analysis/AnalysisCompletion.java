package dev.autodeploy.analyzer.analysis;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.analyzer.engine.Analysis;
import dev.autodeploy.analyzer.repository.RepositoryRegistry;
import dev.autodeploy.analyzer.repository.RepositorySummary;
import dev.autodeploy.events.AnalysisCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends an analysis, once: stores the engine's result (completed) or a reason (failed) and publishes
 * {@code AnalysisCompleted} through the outbox in the same transaction; a completed analysis then goes
 * into the cache. An analysis that already ended (the sweep got there first) or was deleted with its
 * repository is left as it is.
 */
@Component
class AnalysisCompletion {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    private static final Logger log = LoggerFactory.getLogger(AnalysisCompletion.class);

    private final RepositoryAnalyses analyses;
    private final RepositoryRegistry repositories;
    private final AnalysisJson json;
    private final AnalysisCache cache;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnalysisCompletion(RepositoryAnalyses analyses, RepositoryRegistry repositories, AnalysisJson json,
            AnalysisCache cache, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.analyses = analyses;
        this.repositories = repositories;
        this.json = json;
        this.cache = cache;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    void succeed(UUID analysisId, Analysis result) {
        Optional<AnalysisApi.AnalysisView> completed = transactions.execute(status -> {
            Optional<Ending> ending = ending(analysisId, Set.of(RepositoryAnalysis.RUNNING));
            ending.ifPresent(e -> {
                e.analysis().complete(json.result(result), clock.instant());
                analyses.save(e.analysis());
                repositories.analyzed(e.repository().id(), result.language());
                String framework = result.framework() == null ? null : result.framework().id();
                publish(e, SUCCEEDED, framework, AnalysisJson.commands(result.buildConfiguration()), null);
            });
            return ending.map(e -> json.view(e.analysis(), e.repository()));
        });
        completed.ifPresent(view -> {
            cache.put(view);
            log.info("Analysis {} of repository {} at {} completed", view.id(), view.repository().id(), view.commit());
        });
    }

    /** Fails a running analysis (or, for the sweep, a queued one too). {@code reason} is shown to users. */
    boolean fail(UUID analysisId, String reason, Set<String> from) {
        Boolean failed = transactions.execute(status -> {
            Optional<Ending> ending = ending(analysisId, from);
            ending.ifPresent(e -> {
                e.analysis().fail(reason, clock.instant());
                analyses.save(e.analysis());
                publish(e, FAILED, null, Map.of(), reason);
            });
            return ending.isPresent();
        });
        if (Boolean.TRUE.equals(failed)) {
            log.info("Analysis {} failed: {}", analysisId, reason);
        }
        return Boolean.TRUE.equals(failed);
    }

    private record Ending(RepositoryAnalysis analysis, RepositorySummary repository) {
    }

    private Optional<Ending> ending(UUID analysisId, Set<String> from) {
        // Row lock: the worker and the sweep must not both end the same analysis.
        return analyses.findForUpdate(analysisId).filter(analysis -> from.contains(analysis.status()))
                .flatMap(analysis -> repositories.find(analysis.repositoryId()).map(repo -> new Ending(analysis, repo)));
    }

    private void publish(Ending ending, String outcome, String framework, Map<String, String> buildConfiguration,
            String reason) {
        RepositoryAnalysis analysis = ending.analysis();
        events.publishEvent(new AnalysisCompleted(UUID.randomUUID(), clock.instant(), analysis.id(),
                analysis.repositoryId(), ending.repository().organizationId(), analysis.commitSha(), outcome, framework,
                buildConfiguration, reason, ending.repository().url(), analysis.branch(), analysis.rootDirectory()));
    }
}
