package dev.autodeploy.deployer.project;

import dev.autodeploy.events.AnalysisCompleted;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.database.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the analyzer's successful analyses to {@link AnalyzedRepositories}, each event once (by event id, in
 * the transaction of the change). Failed analyses say nothing about how to build, so they are skipped.
 */
@Component
class AnalysisResultsListener {

    static final String CONSUMER = "analysis-results";
    private static final Logger log = LoggerFactory.getLogger(AnalysisResultsListener.class);

    private final AnalyzedRepositories repositories;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;

    AnalysisResultsListener(AnalyzedRepositories repositories, ProcessedEvents processed,
            TransactionTemplate transactions) {
        this.repositories = repositories;
        this.processed = processed;
        this.transactions = transactions;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.ANALYSIS_RESULTS)
    void on(CloudEvent<?> event) {
        if (!(event.data() instanceof AnalysisCompleted completed)) {
            return;
        }
        boolean usable = "succeeded".equals(completed.outcome()) && completed.repositoryUrl() != null;
        transactions.executeWithoutResult(status -> {
            if (processed.firstDelivery(CONSUMER, completed.eventId()) && usable) {
                repositories.record(completed);
                log.info("Repository {} analyzed at {} (analysis {})", completed.repositoryId(), completed.commitSha(),
                        completed.analysisId());
            }
        });
    }
}
