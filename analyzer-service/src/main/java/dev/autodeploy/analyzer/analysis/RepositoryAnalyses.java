package dev.autodeploy.analyzer.analysis;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Analyses, looked up by repository; status changes are conditional updates so that only one worker wins. */
interface RepositoryAnalyses extends JpaRepository<RepositoryAnalysis, UUID> {

    Optional<RepositoryAnalysis> findByIdAndRepositoryId(UUID id, UUID repositoryId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT a FROM RepositoryAnalysis a WHERE a.id = :id")
    Optional<RepositoryAnalysis> findForUpdate(UUID id);

    Page<RepositoryAnalysis> findByRepositoryIdOrderByCreatedAtDesc(UUID repositoryId, Pageable pageable);

    Optional<RepositoryAnalysis> findFirstByRepositoryIdAndStatusOrderByCompletedAtDesc(UUID repositoryId,
            String status);

    Optional<RepositoryAnalysis> findFirstByRepositoryIdAndCommitShaAndEngineVersionAndStatusInOrderByCreatedAtDesc(
            UUID repositoryId, String commitSha, String engineVersion, Collection<String> statuses);

    /** Queued → running, once: 1 for the worker that wins, 0 for any other (or when it is gone or done). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("UPDATE RepositoryAnalysis a SET a.status = 'running', a.startedAt = :now WHERE a.id = :id AND a.status = 'queued'")
    int markRunning(UUID id, Instant now);

    @Query("SELECT a.id FROM RepositoryAnalysis a WHERE (a.status = 'running' AND a.startedAt < :runningBefore)"
            + " OR (a.status = 'queued' AND a.createdAt < :queuedBefore)")
    List<UUID> findAbandoned(Instant runningBefore, Instant queuedBefore);
}
