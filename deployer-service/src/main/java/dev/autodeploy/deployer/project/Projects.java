package dev.autodeploy.deployer.project;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Projects, looked up within an organization or by id. */
interface Projects extends JpaRepository<Project, UUID> {

    Page<Project> findByOrganizationId(UUID organizationId, Pageable pageable);

    @Query("SELECT p FROM Project p WHERE p.organizationId = :organizationId AND (lower(p.name) LIKE :pattern"
            + " OR lower(p.slug) LIKE :pattern OR lower(coalesce(p.description, '')) LIKE :pattern)")
    Page<Project> search(UUID organizationId, String pattern, Pageable pageable);

    boolean existsByOrganizationIdAndSlug(UUID organizationId, String slug);

    List<Project> findByRepositoryId(UUID repositoryId);
}
