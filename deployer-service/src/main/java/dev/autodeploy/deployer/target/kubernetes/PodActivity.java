package dev.autodeploy.deployer.target.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.autodeploy.deployer.target.LogSink;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What the pods of one rollout do, as log lines of source {@code runtime}: each pod's phase, readiness and
 * container state when it changes, and the app container's new log lines of the first few pods since the last
 * read (by their timestamps). Reading logs is best effort — a container that has not started has none — and goes
 * straight to the API, not through the calls' retries and circuit breaker, so a pending pod's refusals do not
 * open it.
 */
final class PodActivity {

    /** Pods whose logs are read: a few tell how the new release starts, without a request per replica. */
    private static final int LOGGED_PODS = 3;

    private final KubernetesCluster cluster;
    private final String namespace;
    private final Map<String, String> selector;
    private final int maxLines;
    private final LogSink logs;
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, Instant> lastLine = new HashMap<>();
    private volatile List<Pod> pods = List.of();

    PodActivity(KubernetesCluster cluster, String namespace, Map<String, String> selector, int maxLines,
            LogSink logs) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.selector = Map.copyOf(selector);
        this.maxLines = maxLines;
        this.logs = logs;
    }

    /** Reads the pods and their logs once, writing what is new. */
    void poll() {
        List<Pod> current;
        try {
            current = cluster.client().pods().inNamespace(namespace).withLabels(selector).list().getItems();
        }
        catch (KubernetesClientException ex) {
            return;
        }
        pods = current;
        int logged = 0;
        for (Pod pod : current.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList()) {
            String name = pod.getMetadata().getName();
            String state = describe(pod);
            if (!state.equals(states.put(name, state))) {
                boolean trouble = state.contains("BackOff") || state.contains("Err") || state.contains("Failed")
                        || state.contains("exit code");
                logs.line(trouble ? "warn" : "info", "runtime", "pod " + name + ": " + state);
            }
            if (started(pod) && logged++ < LOGGED_PODS) {
                readLog(name);
            }
        }
    }

    /** The last pods read, described (for a failure's message). */
    String summary() {
        return pods.stream().map(pod -> pod.getMetadata().getName() + " " + describe(pod))
                .collect(Collectors.joining("; "));
    }

    /** The image id ({@code repo@sha256:...}) a ready pod of the rollout runs, when the kubelet reported it. */
    Optional<String> imageId() {
        return pods.stream().filter(pod -> pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null)
                .flatMap(pod -> pod.getStatus().getContainerStatuses().stream())
                .filter(status -> KubernetesManifests.CONTAINER.equals(status.getName()))
                .map(ContainerStatus::getImageID).filter(Objects::nonNull).filter(id -> !id.isBlank()).findFirst();
    }

    static String describe(Pod pod) {
        if (pod.getStatus() == null) {
            return "Pending";
        }
        List<String> parts = new ArrayList<>();
        parts.add(Optional.ofNullable(pod.getStatus().getPhase()).orElse("Pending"));
        Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
                .filter(condition -> "Ready".equals(condition.getType())).findFirst()
                .map(PodActivity::readiness).ifPresent(parts::add);
        for (ContainerStatus container : Optional.ofNullable(pod.getStatus().getContainerStatuses())
                .orElse(List.of())) {
            if (container.getState() == null) {
                continue;
            }
            if (container.getState().getWaiting() != null && container.getState().getWaiting().getReason() != null) {
                parts.add(container.getName() + " waiting: " + container.getState().getWaiting().getReason());
            }
            if (container.getState().getTerminated() != null) {
                parts.add(container.getName() + " terminated: " + container.getState().getTerminated().getReason()
                        + ", exit code " + container.getState().getTerminated().getExitCode());
            }
            if (container.getRestartCount() != null && container.getRestartCount() > 0) {
                parts.add(container.getName() + " restarted " + container.getRestartCount() + "x");
            }
        }
        return String.join(", ", parts);
    }

    private static String readiness(PodCondition condition) {
        return "True".equals(condition.getStatus()) ? "ready" : "not ready";
    }

    private static boolean started(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().anyMatch(status -> status.getState() != null
                        && (status.getState().getRunning() != null || status.getState().getTerminated() != null));
    }

    private void readLog(String pod) {
        Instant since = lastLine.get(pod);
        String text;
        try {
            var log = cluster.client().pods().inNamespace(namespace).withName(pod)
                    .inContainer(KubernetesManifests.CONTAINER).usingTimestamps();
            text = since == null ? log.tailingLines(maxLines).getLog() : log.sinceTime(since.toString())
                    .tailingLines(maxLines).getLog();
        }
        catch (KubernetesClientException ex) {
            return;
        }
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String line : text.split("\r?\n")) {
            // asked with timestamps: each line starts with its RFC 3339 time; anything else is not a log line
            int space = line.indexOf(' ');
            Instant at;
            try {
                at = space > 0 ? Instant.parse(line.substring(0, space)) : null;
            }
            catch (DateTimeParseException ex) {
                at = null;
            }
            if (at == null || (since != null && !at.isAfter(since))) {
                continue;
            }
            since = at;
            lastLine.put(pod, at);
            logs.line("info", "runtime", "[" + pod + "] " + line.substring(space + 1));
        }
    }
}
