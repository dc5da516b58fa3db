package dev.autodeploy.analyzer.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Registered repositories, always looked up within an organization or by id. */
interface RegisteredRepositories extends JpaRepository<RegisteredRepository, UUID> {

    Page<RegisteredRepository> findByOrganizationId(UUID organizationId, Pageable pageable);

    boolean existsByOrganizationIdAndUrl(UUID organizationId, String url);

    boolean existsByOrganizationIdAndGithubId(UUID organizationId, Long githubId);

    @Query("SELECT r FROM RegisteredRepository r WHERE r.organizationId = :organizationId"
            + " AND (r.githubId IN :githubIds OR r.url IN :urls)")
    List<RegisteredRepository> findRegistered(UUID organizationId, Collection<Long> githubIds, Collection<String> urls);
}
