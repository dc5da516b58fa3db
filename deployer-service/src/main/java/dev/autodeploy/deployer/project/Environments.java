package dev.autodeploy.deployer.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** A project's environments. */
interface Environments extends JpaRepository<Environment, UUID> {

    List<Environment> findByProjectIdOrderByCreatedAt(UUID projectId);

    Optional<Environment> findByProjectIdAndName(UUID projectId, String name);

    boolean existsByProjectIdAndName(UUID projectId, String name);
}
