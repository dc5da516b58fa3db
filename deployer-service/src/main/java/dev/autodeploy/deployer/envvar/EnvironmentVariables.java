package dev.autodeploy.deployer.envvar;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** The variables of environments. */
interface EnvironmentVariables extends JpaRepository<EnvironmentVariable, UUID> {

    List<EnvironmentVariable> findByEnvironmentIdOrderByKey(UUID environmentId);

    Optional<EnvironmentVariable> findByEnvironmentIdAndKey(UUID environmentId, String key);
}
