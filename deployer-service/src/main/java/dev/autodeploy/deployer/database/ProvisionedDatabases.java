package dev.autodeploy.deployer.database;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Provisioned databases. */
interface ProvisionedDatabases extends JpaRepository<ProvisionedDatabase, UUID> {

    Optional<ProvisionedDatabase> findByEnvironmentId(UUID environmentId);

    List<ProvisionedDatabase> findByProjectIdOrderByCreatedAt(UUID projectId);
}
