package dev.autodeploy.gateway.status;

import java.time.Instant;
import java.util.List;

/**
 * The suite's health as the gateway sees it: {@code status} is UP when every service has at
 * least one healthy instance, DEGRADED otherwise.
 */
public record ServiceStatus(String status, Instant checkedAt, List<Service> services) {

    /** One service: UP when any instance reports UP. */
    public record Service(String name, String status, List<Instance> instances) {
    }

    /** One registered instance and what its health endpoint answered (DOWN when it did not answer). */
    public record Instance(String instanceId, String uri, String status, String error) {
    }
}
