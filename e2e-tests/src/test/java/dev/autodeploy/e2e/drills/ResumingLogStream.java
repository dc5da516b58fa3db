package dev.autodeploy.e2e.drills;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Stream;

/**
 * A client of a deployment's live log stream that reconnects as the dashboard does when its socket closes: again
 * with {@code cursor=<last sequence received>}, so it must end up with every line once.
 */
final class ResumingLogStream implements AutoCloseable {

    private final URI gateway;
    private final String deploymentId;
    private final String accessToken;
    private final List<JsonNode> lines = new ArrayList<>();
    private Stream stream;
    private int read;
    private int connections;
    private boolean finished;

    ResumingLogStream(URI gateway, String deploymentId, String accessToken) {
        this.gateway = gateway;
        this.deploymentId = deploymentId;
        this.accessToken = accessToken;
    }

    /**
     * Takes what arrived; reconnects from the last sequence when the socket has closed (a failed attempt is tried
     * again on the next call). Returns whether the final status has come.
     */
    synchronized boolean poll() {
        if (stream != null) {
            List<JsonNode> messages = stream.messages();
            for (JsonNode message : messages.subList(read, messages.size())) {
                if ("deployment.log".equals(message.path("type").asString(""))) {
                    lines.add(message);
                } else if (message.path("final").asBoolean(false)) {
                    finished = true;
                }
            }
            read = messages.size();
            if (stream.closed().isDone() && !finished) {
                stream.close();
                stream = null;
            }
        }
        if (stream == null && !finished) {
            try {
                stream = Stream.open(gateway, "/api/v1/deployments/" + deploymentId + "/logs/stream?cursor=" + lastSequence(), accessToken);
                read = 0;
                connections++;
            } catch (RuntimeException e) {
                stream = null; // the gateway may still route to the dead replica: try again
            }
        }
        return finished;
    }

    synchronized long lastSequence() {
        return lines.isEmpty() ? 0 : lines.getLast().get("sequence").asLong();
    }

    /** Every log line received, over all connections, in arrival order. */
    synchronized List<JsonNode> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> messages() {
        return lines.stream().map(line -> line.get("message").asString()).toList();
    }

    /** How many times a socket was opened. */
    synchronized int connections() {
        return connections;
    }

    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
