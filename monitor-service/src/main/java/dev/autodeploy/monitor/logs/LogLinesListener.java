package dev.autodeploy.monitor.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Stores the deployer's log lines ({@code autodeploy.deployment.logs}) as they come, a poll's worth at a time in one
 * statement, then tells the service's features about the new ones ({@link LogLinesIngested}). The topic is keyed
 * by deployment, so one replica of the consumer group takes each deployment's lines, in order; the deployer's
 * sequence numbers order them anyway, and a line delivered twice is stored once.
 *
 * <p>A record that is not a valid line (a payload that did not deserialize, a missing field, a value too long for
 * its column) would fail the whole batch forever; the lines before it are stored and it is handed to the error
 * handler as the failing record ({@link BatchListenerFailedException}), which retries it and then dead-letters it
 * to {@code autodeploy.deployment.logs.dlt}, so nothing is dropped silently and the lines after it go on.
 */
@Component
class LogLinesListener {

    static final String CONSUMER = "deployment-logs";

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
    private static final int MAX_NAME = 40;

    private final LogLineStore store;
    private final ApplicationEventPublisher events;
    private final Counter stored;
    private final Counter duplicates;

    LogLinesListener(LogLineStore store, ApplicationEventPublisher events, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.stored = Counter.builder("autodeploy.monitor.log.lines").tag("outcome", "stored")
                .description("Deployment log lines received from Kafka").register(meters);
        this.duplicates = Counter.builder("autodeploy.monitor.log.lines").tag("outcome", "duplicate")
                .description("Deployment log lines received from Kafka").register(meters);
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.DEPLOYMENT_LOGS, batch = "true")
    void on(List<ConsumerRecord<String, CloudEvent<?>>> records) {
        List<LogLineStore.StoredLine> lines = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, CloudEvent<?>> record = records.get(index);
            String problem = problem(record.value());
            if (problem != null) {
                store(lines);
                throw new BatchListenerFailedException("Not a deployment log line: " + problem, index);
            }
            lines.add(stored((DeploymentLogged) record.value().data()));
        }
        store(lines);
    }

    private void store(List<LogLineStore.StoredLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        lines.sort(Comparator.comparing((LogLineStore.StoredLine line) -> line.line().deploymentId())
                .thenComparingLong(line -> line.line().sequence()));
        List<LogLine> fresh = store.append(lines);
        stored.increment(fresh.size());
        duplicates.increment(lines.size() - fresh.size());
        lines.clear();
        if (!fresh.isEmpty()) {
            events.publishEvent(new LogLinesIngested(fresh));
        }
    }

    private static LogLineStore.StoredLine stored(DeploymentLogged line) {
        // PostgreSQL text can't hold NUL: such a character is stored as U+FFFD, the rest of the line as it came.
        return new LogLineStore.StoredLine(line.eventId(), new LogLine(line.deploymentId(), line.organizationId(),
                line.sequence(), line.occurredAt(), level(line.level()), line.source() == null ? "build" : line.source(),
                line.step(), line.message().replace('\0', '\uFFFD')));
    }

    /** The deployer says debug, info, warn or error; other tools' spellings of those are taken too. */
    private static String level(String given) {
        String level = given.toLowerCase(Locale.ROOT);
        return switch (level) {
            case "trace" -> "debug";
            case "warning" -> "warn";
            case "err", "fatal", "critical" -> "error";
            default -> LEVELS.contains(level) ? level : "info";
        };
    }

    /** Why the record can't be stored as a line, or null when it can. */
    private static String problem(CloudEvent<?> event) {
        if (event == null) {
            return "the payload could not be read";
        }
        if (!(event.data() instanceof DeploymentLogged line)) {
            return "event type " + event.type();
        }
        if (line.eventId() == null || line.occurredAt() == null || line.deploymentId() == null
                || line.organizationId() == null || line.level() == null || line.message() == null) {
            return "a required field is missing";
        }
        if (line.sequence() < 1) {
            return "sequence " + line.sequence();
        }
        if (line.level().length() > 10 || (line.source() != null && line.source().length() > 20)
                || (line.step() != null && line.step().length() > MAX_NAME)) {
            return "level, source or step too long";
        }
        return null;
    }
}
