package dev.autodeploy.monitor.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.monitor.logs.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The stream clients connected to this replica, by deployment, and their heartbeats: a ping every
 * {@code heartbeat-interval}, a close for a client silent for {@code heartbeat-timeout} or stuck on one send for
 * {@code send-time-limit}. Handing a client something never waits for it (see {@link Outbound}).
 */
@Component
class LocalStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalStreams.class);

    private final Map<UUID, Set<LiveStream>> byDeployment = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPing = new ConcurrentHashMap<>();
    private final StreamProperties properties;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stream-heartbeat").daemon().factory());

    LocalStreams(StreamProperties properties) {
        this.properties = properties;
        long check = properties.checkInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    void add(LiveStream stream) {
        byDeployment.computeIfAbsent(stream.deploymentId(), id -> ConcurrentHashMap.newKeySet()).add(stream);
        lastPing.put(stream.out().id(), System.nanoTime());
    }

    void remove(LiveStream stream) {
        lastPing.remove(stream.out().id());
        byDeployment.computeIfPresent(stream.deploymentId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    int count() {
        return lastPing.size();
    }

    int count(UUID deploymentId) {
        Set<LiveStream> streams = byDeployment.get(deploymentId);
        return streams == null ? 0 : streams.size();
    }

    /** Newly stored lines, each deployment's in sequence order. */
    void lines(List<LogLine> lines) {
        Map<UUID, List<LogLine>> grouped = new LinkedHashMap<>();
        for (LogLine line : lines) {
            if (byDeployment.containsKey(line.deploymentId())) {
                grouped.computeIfAbsent(line.deploymentId(), id -> new ArrayList<>()).add(line);
            }
        }
        grouped.forEach((deploymentId, ofDeployment) -> streams(deploymentId).forEach(
                stream -> stream.lines(ofDeployment)));
    }

    void status(StatusUpdate update) {
        streams(update.deploymentId()).forEach(stream -> stream.status(update));
    }

    private Set<LiveStream> streams(UUID deploymentId) {
        return byDeployment.getOrDefault(deploymentId, Set.of());
    }

    private void check() {
        try {
            checkAll();
        }
        catch (RuntimeException ex) {
            log.warn("Stream heartbeat check failed", ex);
        }
    }

    private void checkAll() {
        long now = System.nanoTime();
        long interval = properties.heartbeatInterval().toNanos();
        long timeout = properties.heartbeatTimeout().toNanos();
        long sendLimit = properties.sendTimeLimit().toNanos();
        byDeployment.values().forEach(streams -> streams.forEach(stream -> {
            Outbound out = stream.out();
            if (out.closed()) {
                // normally removed when its socket reports closed; a close that never completes must not linger
                if (out.closedFor(timeout)) {
                    remove(stream);
                }
            }
            else if (out.stuckFor(sendLimit)) {
                out.close(Outbound.TOO_SLOW);
            }
            else if (out.silentFor(timeout)) {
                out.close(Outbound.NO_PONG);
            }
            else if (now - lastPing.getOrDefault(out.id(), now) >= interval) {
                lastPing.put(out.id(), now);
                out.ping();
            }
        }));
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }
}
