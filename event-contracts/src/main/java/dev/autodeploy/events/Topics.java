package dev.autodeploy.events;

import java.util.List;

/** Kafka topic names the services publish to and consume from. */
public final class Topics {

    public static final String ANALYSIS_REQUESTS = "autodeploy.analysis.requests";
    public static final String ANALYSIS_RESULTS = "autodeploy.analysis.results";
    public static final String DEPLOYMENT_JOBS = "autodeploy.deployment.jobs";
    public static final String DEPLOYMENT_EVENTS = "autodeploy.deployment.events";
    public static final String DEPLOYMENT_LOGS = "autodeploy.deployment.logs";
    public static final String AUTH_EVENTS = "autodeploy.auth.events";
    public static final String MONITOR_EVENTS = "autodeploy.monitor.events";
    public static final String AUDIT_EVENTS = "autodeploy.audit.events";

    /** Records a consumer gave up on land on {@code <topic>}{@value #DEAD_LETTER_SUFFIX}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Every topic of the platform, without their dead-letter companions. */
    public static final List<String> ALL = List.of(
            ANALYSIS_REQUESTS, ANALYSIS_RESULTS, DEPLOYMENT_JOBS, DEPLOYMENT_EVENTS, DEPLOYMENT_LOGS, AUTH_EVENTS,
            MONITOR_EVENTS, AUDIT_EVENTS);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
