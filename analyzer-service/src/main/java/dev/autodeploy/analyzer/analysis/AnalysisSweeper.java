package dev.autodeploy.analyzer.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.git.GitRemotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes sure no analysis stays unfinished forever: at start-up and every {@code sweep-interval}, fails
 * analyses running longer than {@code running-limit} (their worker died) or queued longer than
 * {@code queued-limit} (their request was dead-lettered), publishing {@code AnalysisCompleted} for each;
 * and deletes clone directories a crash left behind. Safe with several replicas: each analysis is ended
 * under a row lock, once.
 */
@Component
class AnalysisSweeper {

    private static final Logger log = LoggerFactory.getLogger(AnalysisSweeper.class);
    private static final Set<String> UNFINISHED = Set.of(RepositoryAnalysis.QUEUED, RepositoryAnalysis.RUNNING);

    private final RepositoryAnalyses analyses;
    private final AnalysisCompletion completion;
    private final GitRemotes remotes;
    private final AnalysisProperties properties;
    private final Clock clock;

    AnalysisSweeper(RepositoryAnalyses analyses, AnalysisCompletion completion, GitRemotes remotes,
            AnalysisProperties properties, Clock clock) {
        this.analyses = analyses;
        this.completion = completion;
        this.remotes = remotes;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${autodeploy.analyzer.analysis.sweep-interval:1m}")
    void scheduledSweep() {
        try {
            sweep();
        }
        catch (RuntimeException ex) {
            log.warn("Sweeping abandoned analyses failed; trying again next time: {}", ex.getClass().getSimpleName());
        }
    }

    /** Fails abandoned analyses; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int failed = 0;
        for (UUID id : analyses.findAbandoned(now.minus(properties.runningLimit()), now.minus(properties.queuedLimit()))) {
            if (completion.fail(id, "The analysis did not finish in time and was abandoned; request it again.",
                    UNFINISHED)) {
                failed++;
            }
        }
        int clones = remotes.deleteStaleClones(properties.runningLimit());
        if (failed > 0 || clones > 0) {
            log.info("Swept {} abandoned analyses and {} stale clone directories", failed, clones);
        }
        return failed;
    }
}
