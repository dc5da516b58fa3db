package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.deployer.target.LogSink;

/**
 * One deployment's log: numbers each line (continuing after the lines an earlier run published), says which
 * step it belongs to, masks the environment's secret values in it, and buffers it until {@link DeploymentLogs}
 * publishes it. Usable from any thread and for as long as the deployment's release runs (its runtime output).
 */
final class DeploymentLog implements LogSink {

    static final String MASK = "****";
    /** Shorter secrets would mask ordinary text everywhere ("1", "on"). */
    private static final int MASKED_MIN_LENGTH = 4;
    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    /** A numbered line ready to publish. */
    record Line(long sequence, Instant at, String level, String source, String step, String message) {
    }

    private final UUID deploymentId;
    private final UUID organizationId;
    private final DeploymentLogs publisher;
    private final LogProperties properties;
    private final Clock clock;
    private final ArrayDeque<Line> buffer = new ArrayDeque<>();
    private volatile List<String> secrets = List.of();
    private volatile String step;
    private long sequence;
    private long dropped;
    private volatile Instant lastWrite;

    DeploymentLog(UUID deploymentId, UUID organizationId, long publishedUpTo, DeploymentLogs publisher,
            LogProperties properties, Clock clock) {
        this.deploymentId = deploymentId;
        this.organizationId = organizationId;
        this.sequence = publishedUpTo;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.lastWrite = clock.instant();
    }

    UUID deploymentId() {
        return deploymentId;
    }

    UUID organizationId() {
        return organizationId;
    }

    /** The step later lines belong to (null: none, e.g. the running app's output). */
    void step(Step current) {
        this.step = current == null ? null : current.wire();
    }

    /** Values masked in every later line; the longest first, so a secret containing another is masked whole. */
    void mask(Set<String> values) {
        this.secrets = values.stream().filter(value -> value != null && value.length() >= MASKED_MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public void line(String level, String source, String message) {
        String text = masked(message == null ? "" : message);
        if (text.length() > properties.maxLineLength()) {
            text = text.substring(0, properties.maxLineLength()) + " [cut]";
        }
        String normalizedLevel = level == null ? "info" : level.toLowerCase(Locale.ROOT);
        lastWrite = clock.instant();
        synchronized (this) {
            if (buffer.size() >= properties.maxBuffered()) {
                buffer.pollFirst();
                dropped++;
            }
            buffer.addLast(new Line(++sequence, clock.instant(), LEVELS.contains(normalizedLevel) ? normalizedLevel
                    : "info", source == null ? "system" : source, step, text));
        }
        publisher.pending(this);
    }

    /** Takes up to {@code max} lines to publish, oldest first, with a notice first if lines were dropped. */
    synchronized List<Line> take(int max) {
        List<Line> lines = new ArrayList<>(Math.min(max, buffer.size()));
        while (lines.size() < max && !buffer.isEmpty()) {
            lines.add(buffer.pollFirst());
        }
        if (dropped > 0 && !lines.isEmpty()) {
            Line first = lines.get(0);
            lines.set(0, new Line(first.sequence(), first.at(), "warn", "system", first.step(),
                    dropped + " earlier line(s) were dropped while logs could not be published; then: "
                            + first.message()));
            dropped = 0;
        }
        return lines;
    }

    /** Puts lines that could not be published back in front, to be tried again. */
    synchronized void giveBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            buffer.addFirst(lines.get(i));
        }
    }

    Instant lastWrite() {
        return lastWrite;
    }

    synchronized boolean isEmpty() {
        return buffer.isEmpty();
    }

    private String masked(String message) {
        String text = message;
        for (String secret : secrets) {
            if (text.contains(secret)) {
                text = text.replace(secret, MASK);
            }
        }
        return text;
    }

    @Override
    public String toString() {
        return "DeploymentLog[" + deploymentId + "]";
    }
}
