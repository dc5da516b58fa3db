package dev.autodeploy.monitor.deployment;

import dev.autodeploy.events.DeploymentStatusChanged;

/**
 * In-process notice, after the projection committed it, that a status event of a deployment was applied:
 * {@code deployment} as it is now, {@code event} the change ({@code event.step()} null for the deployment itself).
 * Features react to it (live streams, health checks, alerts); it never leaves the service.
 */
public record DeploymentChanged(DeploymentRecord deployment, DeploymentStatusChanged event) {
}
