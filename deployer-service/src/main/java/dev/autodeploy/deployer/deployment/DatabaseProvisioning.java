package dev.autodeploy.deployer.deployment;

import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.LogSink;

/** The {@code provision_database} step: what a deployment needs of the database feature. */
public interface DatabaseProvisioning {

    /**
     * Makes sure the environment's database is there and reachable when it has one, or when {@code requested}
     * creates it (its connection string becoming a secret variable). Returns what was done, for the step's
     * output; empty when the environment neither has nor asks for a database (the step is skipped).
     */
    Optional<String> ensure(EnvironmentSummary environment, boolean requested, UUID requestedBy, LogSink logs)
            throws DeployFailure;
}
