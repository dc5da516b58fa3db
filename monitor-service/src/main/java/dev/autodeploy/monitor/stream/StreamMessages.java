package dev.autodeploy.monitor.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.autodeploy.monitor.logs.LogLine;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The JSON messages of seed 001 "Real-time Communication" the streams send. */
@Component
class StreamMessages {

    private final JsonMapper json;

    StreamMessages(JsonMapper json) {
        this.json = json;
    }

    String log(LogLine line) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "deployment.log");
        message.put("deploymentId", line.deploymentId());
        message.put("sequence", line.sequence());
        message.put("timestamp", line.timestamp().toString());
        message.put("level", line.level());
        message.put("message", line.message());
        message.put("source", line.source());
        message.put("step", line.step());
        return json.writeValueAsString(message);
    }

    /** {@code deployment.status}; {@code final: true} once the deployment is over. */
    String status(StatusUpdate update) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "deployment.status");
        message.put("deploymentId", update.deploymentId());
        message.put("status", update.status());
        if (update.step() != null) {
            message.put("step", update.step());
        }
        if (update.progress() != null) {
            message.put("progress", update.progress());
        }
        if (update.metadata() != null && !update.metadata().isEmpty()) {
            message.put("metadata", update.metadata());
        }
        if (update.finished()) {
            message.put("final", true);
        }
        return json.writeValueAsString(message);
    }

    /** {@code deployment.build}, for a step's change. */
    String build(StatusUpdate update) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "deployment.build");
        message.put("deploymentId", update.deploymentId());
        message.put("stage", update.step());
        message.put("status", update.stepStatus());
        message.put("progress", update.progress() == null ? 0 : update.progress());
        return json.writeValueAsString(message);
    }
}
