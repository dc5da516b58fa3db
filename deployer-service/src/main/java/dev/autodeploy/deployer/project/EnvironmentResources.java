package dev.autodeploy.deployer.project;

/**
 * Something a feature keeps for an environment outside the deployer's tables (a provisioned database, say),
 * released before the environment or its project is deleted. Implementations are idempotent: a deletion that
 * failed halfway is simply asked again.
 */
public interface EnvironmentResources {

    void release(EnvironmentSummary environment);
}
