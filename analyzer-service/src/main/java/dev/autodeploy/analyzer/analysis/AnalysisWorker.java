package dev.autodeploy.analyzer.analysis;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.analyzer.engine.Analysis;
import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;
import dev.autodeploy.analyzer.github.GitHub;
import dev.autodeploy.analyzer.repository.RepositoryRegistry;
import dev.autodeploy.analyzer.repository.RepositorySummary;
import dev.autodeploy.events.AnalysisRequested;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import dev.autodeploy.git.Checkout;
import dev.autodeploy.git.GitCredentials;
import dev.autodeploy.git.GitFailure;
import dev.autodeploy.git.GitRemotes;
import dev.autodeploy.git.GitUrlPolicy;
import dev.autodeploy.support.database.ProcessedEvents;
import dev.autodeploy.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued analyses from {@code autodeploy.analysis.requests}: marks the analysis running (once per
 * event id and per analysis), shallow-fetches exactly its commit into a temporary directory, runs the
 * engine on it, and ends it through {@link AnalysisCompletion}. The clone is deleted whatever happens.
 * Every failure ends the analysis as failed with a reason free of credentials; none is retried, since a
 * retry of the same commit would meet the same repository. {@code concurrency} consumers per replica,
 * one record per poll.
 */
@Component
class AnalysisWorker {

    static final String CONSUMER = "analysis-worker";
    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);
    private static final Set<String> RUNNING = Set.of(RepositoryAnalysis.RUNNING);

    private final RepositoryAnalyses analyses;
    private final RepositoryRegistry repositories;
    private final ProcessedEvents processed;
    private final GitUrlPolicy urls;
    private final GitRemotes remotes;
    private final GitHub gitHub;
    private final RepositoryAnalyzer analyzer;
    private final AnalysisCompletion completion;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnalysisWorker(RepositoryAnalyses analyses, RepositoryRegistry repositories, ProcessedEvents processed,
            GitUrlPolicy urls, GitRemotes remotes, GitHub gitHub, RepositoryAnalyzer analyzer,
            AnalysisCompletion completion, TransactionTemplate transactions, Clock clock) {
        this.analyses = analyses;
        this.repositories = repositories;
        this.processed = processed;
        this.urls = urls;
        this.remotes = remotes;
        this.gitHub = gitHub;
        this.analyzer = analyzer;
        this.completion = completion;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A started analysis: what to fetch and for whom. */
    private record Job(UUID analysisId, RepositorySummary repository, String branch, String commit, UUID requestedBy) {
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.ANALYSIS_REQUESTS,
            concurrency = "${autodeploy.analyzer.analysis.concurrency:2}",
            properties = { "max.poll.records=1", "max.poll.interval.ms=900000" })
    void on(CloudEvent<?> event) {
        if (!(event.data() instanceof AnalysisRequested requested)) {
            return;
        }
        start(requested).ifPresent(this::run);
    }

    private Optional<Job> start(AnalysisRequested requested) {
        return transactions.execute(status -> {
            if (!processed.firstDelivery(CONSUMER, requested.eventId())
                    || analyses.markRunning(requested.analysisId(), clock.instant()) != 1) {
                return Optional.<Job>empty();
            }
            return analyses.findById(requested.analysisId()).flatMap(analysis -> repositories
                    .find(analysis.repositoryId()).map(repository -> new Job(analysis.id(), repository,
                            analysis.branch(), analysis.commitSha(), analysis.requestedBy())));
        });
    }

    private void run(Job job) {
        log.info("Analysing repository {} at {} (analysis {})", job.repository().id(), job.commit(), job.analysisId());
        Analysis result;
        try (Checkout checkout = remotes.checkout(urls.parse(job.repository().url()), job.branch(), job.commit(),
                credentials(job))) {
            result = analyzer.analyze(checkout.directory());
        }
        catch (GitFailure ex) {
            completion.fail(job.analysisId(), ex.getMessage(), RUNNING);
            return;
        }
        catch (ApiException ex) {
            // The URL is no longer acceptable (unsafe host, file:// switched off) or GitHub cannot lend a token.
            completion.fail(job.analysisId(), ex.getMessage(), RUNNING);
            return;
        }
        catch (IOException ex) {
            completion.fail(job.analysisId(), "The checkout could not be read (" + ex.getClass().getSimpleName() + ")",
                    RUNNING);
            return;
        }
        catch (RuntimeException ex) {
            log.error("Analysis {} failed unexpectedly", job.analysisId(), ex);
            completion.fail(job.analysisId(), "The analysis failed unexpectedly; try again.", RUNNING);
            return;
        }
        completion.succeed(job.analysisId(), result);
    }

    private GitCredentials credentials(Job job) {
        RepositorySummary repository = job.repository();
        return repository.fromGitHub() && repository.isPrivate()
                ? GitCredentials.token(gitHub.cloneToken(job.requestedBy())) : null;
    }
}
