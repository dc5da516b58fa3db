package dev.autodeploy.deployer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import dev.autodeploy.deployer.target.TargetStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A deploy target that works like a CI system does, for the status-callback tests: its deploy only "starts a
 * pipeline" (remembering the deployment's context, callback token included, as a CI job would receive it) and
 * the outcome comes later on {@code PATCH /api/v1/deployments/{id}/status}. The real CI targets come with their
 * own issue; this one exercises the deployer's side of the contract through the SPI.
 */
public class CallbackTestTarget implements DeployTarget {

    public static final String ID = "ci-test";

    private final Map<UUID, DeploymentContext> started = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> cancelled = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        CallbackTestTarget callbackTestTarget() {
            return new CallbackTestTarget();
        }

        @Bean
        TestProviderType testProviderType() {
            return new TestProviderType();
        }
    }

    /** The context a "pipeline" was started with. */
    public Optional<DeploymentContext> started(UUID deploymentId) {
        return Optional.ofNullable(started.get(deploymentId));
    }

    public boolean cancelled(UUID deploymentId) {
        return cancelled.containsKey(deploymentId);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
    }

    @Override
    public void create(TargetEnvironment environment) {
    }

    @Override
    public Release build(DeploymentContext deployment, LogSink logs) {
        logs.info("the pipeline builds the image itself");
        return new Release(deployment.deploymentId(), "image:" + deployment.commitSha(), null, Map.of());
    }

    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        return Optional.empty();
    }

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        started.put(deployment.deploymentId(), deployment);
        logs.info("pipeline started");
        return new Deployed(null, Map.of());
    }

    @Override
    public boolean reportsStatusByCallback() {
        return true;
    }

    @Override
    public void cancel(UUID deploymentId) {
        cancelled.put(deploymentId, true);
    }

    @Override
    public TargetStatus status(TargetEnvironment environment) {
        return new TargetStatus("unknown", null, null, "reported by the pipeline");
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        return new HealthReport(false, null, Duration.ZERO, "not probed", Instant.now());
    }

    @Override
    public void destroy(TargetEnvironment environment) {
    }
}
