package dev.autodeploy.monitor.stream;

import java.util.List;

import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.monitor.deployment.DeploymentRecords;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/** The two stream endpoints: what a client is sent when it connects, and the bookkeeping as it comes and goes. */
@Component
class StreamHandlers {

    private static final String STREAM = "stream";

    private final LocalStreams local;
    private final StreamBacklog backlog;
    private final StreamMessages messages;
    private final DeploymentRecords deployments;
    private final StreamProperties properties;
    private final MeterRegistry meters;

    StreamHandlers(LocalStreams local, StreamBacklog backlog, StreamMessages messages, DeploymentRecords deployments,
            StreamProperties properties, MeterRegistry meters) {
        this.local = local;
        this.backlog = backlog;
        this.messages = messages;
        this.deployments = deployments;
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("autodeploy.monitor.stream.clients", local, LocalStreams::count)
                .description("Stream clients connected to this replica").register(meters);
    }

    AbstractWebSocketHandler logs() {
        return new Handler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                DeploymentRecord deployment = (DeploymentRecord) session.getAttributes().get(StreamHandshake.DEPLOYMENT);
                long cursor = (Long) session.getAttributes().get(StreamHandshake.CURSOR);
                LogStream stream = new LogStream(deployment.id(), cursor, outbound(session), messages, backlog,
                        properties.backlogPageSize(), properties.replayBufferLimit());
                session.getAttributes().put(STREAM, stream);
                local.add(stream);
                stream.start();
            }
        };
    }

    AbstractWebSocketHandler status() {
        return new Handler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                DeploymentRecord known = (DeploymentRecord) session.getAttributes().get(StreamHandshake.DEPLOYMENT);
                StatusStream stream = new StatusStream(known.id(), outbound(session), messages);
                session.getAttributes().put(STREAM, stream);
                local.add(stream);
                DeploymentRecord deployment = deployments.find(known.id()).orElse(known);
                StreamBacklog.StepProgress steps = backlog.progress(deployment);
                stream.start(new StatusUpdate(deployment.id(), deployment.status(), steps.running(), null,
                        steps.percent(),
                        deployment.statusChangedAt(), deployment.finished(), StreamFanOut.metadata(deployment)),
                        deployment.statusChangedAt());
            }
        };
    }

    private Outbound outbound(WebSocketSession session) {
        return new Outbound(session, properties.sendBufferLimit().toBytes());
    }

    /** What both endpoints share: pongs, the end of a connection, and the {@code bearer} subprotocol. */
    private abstract class Handler extends AbstractWebSocketHandler implements SubProtocolCapable {

        @Override
        protected void handlePongMessage(WebSocketSession session, PongMessage message) {
            if (session.getAttributes().get(STREAM) instanceof LiveStream stream) {
                stream.out().ponged();
            }
        }

        @Override
        public void handleTransportError(WebSocketSession session, Throwable exception) {
            closed(session);
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            closed(session);
        }

        private void closed(WebSocketSession session) {
            if (session.getAttributes().get(STREAM) instanceof LiveStream stream) {
                CloseStatus ours = stream.out().closedWith();
                if (ours != null && (ours.getCode() == Outbound.TOO_SLOW.getCode()
                        || ours.getCode() == Outbound.NO_PONG.getCode())) {
                    meters.counter("autodeploy.monitor.stream.dropped", "reason",
                            ours.getCode() == Outbound.TOO_SLOW.getCode() ? "slow" : "heartbeat").increment();
                }
                stream.out().stop();
                local.remove(stream);
            }
        }

        @Override
        public List<String> getSubProtocols() {
            return List.of(StreamHandshake.SUBPROTOCOL);
        }
    }
}
