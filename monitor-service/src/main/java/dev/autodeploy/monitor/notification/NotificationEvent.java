package dev.autodeploy.monitor.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a channel can be notified of; a channel's {@code events} filter lists these by their wire name. */
enum NotificationEvent {

    DEPLOYMENT_STARTED("deployment.started", "Deployment started"),
    DEPLOYMENT_READY("deployment.ready", "Deployment ready"),
    DEPLOYMENT_FAILED("deployment.failed", "Deployment failed"),
    DEPLOYMENT_ROLLED_BACK("deployment.rolled-back", "Deployment rolled back"),
    DEPLOYMENT_APPROVAL_REQUESTED("deployment.approval-requested", "Deployment awaiting approval"),
    HEALTH_DEGRADED("health.degraded", "Health degraded");

    /** What a test notification ({@code POST /{id}/test}) is sent as; not a filterable event. */
    static final String TEST = "notification.test";

    static final String WIRE_VALUES = "deployment\\.started|deployment\\.ready|deployment\\.failed"
            + "|deployment\\.rolled-back|deployment\\.approval-requested|health\\.degraded";

    private final String wire;
    private final String title;

    NotificationEvent(String wire, String title) {
        this.wire = wire;
        this.title = title;
    }

    String wire() {
        return wire;
    }

    String title() {
        return title;
    }

    static Optional<NotificationEvent> fromWire(String wire) {
        return Arrays.stream(values()).filter(event -> event.wire.equals(wire)).findFirst();
    }

    static List<String> allWire() {
        return Arrays.stream(values()).map(NotificationEvent::wire).toList();
    }

    /** The title of an event by its wire name (a test notification included). */
    static String titleOf(String wire) {
        return fromWire(wire).map(NotificationEvent::title).orElse("Test notification");
    }
}
