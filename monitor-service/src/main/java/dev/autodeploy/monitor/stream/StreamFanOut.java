package dev.autodeploy.monitor.stream;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.monitor.deployment.DeploymentChanged;
import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.monitor.logs.LogLine;
import dev.autodeploy.monitor.logs.LogLinesIngested;
import dev.autodeploy.support.redis.RedisKeyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries what this replica stored (log lines) or applied (status events) to every replica's {@link LocalStreams},
 * its own included, over Redis pub/sub. Publishing runs on one thread of its own, in the order things happened, so
 * ingestion never waits for Redis; when Redis cannot keep up, live delivery is dropped (a client reconnecting with
 * its cursor gets the lines from the database) and a warning logged.
 */
@Component
class StreamFanOut implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamFanOut.class);
    private static final TypeReference<List<LogLine>> LINES = new TypeReference<>() {
    };

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final LocalStreams local;
    private final StreamBacklog backlog;
    private final String logsChannel;
    private final String statusChannel;
    private final ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("stream-publish").daemon().factory(),
            (task, pool) -> log.warn("Live stream fan-out is behind; a change is not streamed live"));

    StreamFanOut(StringRedisTemplate redis, JsonMapper json, LocalStreams local, StreamBacklog backlog,
            RedisKeyProperties keys) {
        this.redis = redis;
        this.json = json;
        this.local = local;
        this.backlog = backlog;
        this.logsChannel = keys.keyPrefix() + "monitor:streams:logs";
        this.statusChannel = keys.keyPrefix() + "monitor:streams:status";
    }

    List<String> channels() {
        return List.of(logsChannel, statusChannel);
    }

    @EventListener
    void on(LogLinesIngested ingested) {
        if (!ingested.lines().isEmpty()) {
            String payload = json.writeValueAsString(ingested.lines());
            publisher.execute(() -> publish(logsChannel, payload));
        }
    }

    @EventListener
    void on(DeploymentChanged changed) {
        DeploymentRecord deployment = changed.deployment();
        int progress = backlog.progress(deployment).percent();
        String step = changed.event().step();
        StatusUpdate update = new StatusUpdate(deployment.id(), deployment.status(), step,
                step == null ? null : changed.event().status(), progress, changed.event().occurredAt(),
                step == null && deployment.finished(), metadata(deployment));
        String payload = json.writeValueAsString(update);
        publisher.execute(() -> publish(statusChannel, payload));
    }

    static Map<String, Object> metadata(DeploymentRecord deployment) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        put(metadata, "environment", deployment.environment());
        put(metadata, "action", deployment.action());
        put(metadata, "target", deployment.target());
        put(metadata, "commitSha", deployment.commitSha());
        put(metadata, "url", deployment.url());
        put(metadata, "reason", deployment.statusReason());
        return metadata;
    }

    private static void put(Map<String, Object> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    private void publish(String channel, String payload) {
        try {
            redis.convertAndSend(channel, payload);
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish to the live streams over Redis: {}", ex.toString());
        }
    }

    /** From Redis, on the listener container's single thread: in the order published. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            if (channel.equals(logsChannel)) {
                local.lines(json.readValue(body, LINES));
            }
            else if (channel.equals(statusChannel)) {
                local.status(json.readValue(body, StatusUpdate.class));
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not stream a message from Redis channel {}: {}", channel, ex.toString());
        }
    }

    @Override
    public void destroy() {
        publisher.shutdown();
    }
}
