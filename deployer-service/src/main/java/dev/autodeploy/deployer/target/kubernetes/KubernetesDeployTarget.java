package dev.autodeploy.deployer.target.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import dev.autodeploy.deployer.target.TargetStatus;
import dev.autodeploy.deployer.target.kubernetes.KubernetesManifests.Placement;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code kubernetes} target: an environment is a Deployment, a Service, an optional Ingress and a Secret of
 * its variables in its namespace. Nothing is built here — the release is the image the environment's settings
 * name (its tag may carry the commit). A deploy applies the objects (server-side apply), a pod template naming the
 * deployment so each deployment is a new revision, and watches the rollout — generation observed, every replica
 * updated and available, no {@code ProgressDeadlineExceeded} — writing the pods' states and logs to the
 * deployment's log meanwhile. The rolling update keeps the old pods serving until new ones are ready; a rollout
 * that does not become available in time, or is cancelled, is rolled back to the previous revision's pod template
 * (and the Secret to its previous data). A rollback deploys a release whose ReplicaSet is still in the cluster.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.kubernetes", name = "enabled", havingValue = "true")
class KubernetesDeployTarget implements DeployTarget {

    static final String ID = "kubernetes";
    static final String FIELD_MANAGER = "autodeploy";
    private static final Logger log = LoggerFactory.getLogger(KubernetesDeployTarget.class);

    private final KubernetesProperties properties;
    private final KubernetesClusters clusters;
    private final ClusterCalls calls;
    private final Clock clock;
    private final Map<UUID, Operation> operations = new ConcurrentHashMap<>();

    KubernetesDeployTarget(KubernetesProperties properties, KubernetesClusters clusters, ClusterCalls calls,
            Clock clock) {
        this.properties = properties;
        this.clusters = clusters;
        this.calls = calls;
        this.clock = clock;
    }

    /** A deploy running now, which {@link #cancel} stops. */
    private static final class Operation {

        private final CountDownLatch cancelled = new CountDownLatch(1);

        void cancel() {
            cancelled.countDown();
        }

        boolean cancelled() {
            return cancelled.getCount() == 0;
        }

        /** Waits for the next poll; returns early when cancelled. */
        void pause(Duration interval) {
            try {
                cancelled.await(interval.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                cancel();
            }
        }
    }

    /** How a watched rollout ended. */
    private enum Outcome { AVAILABLE, STALLED, TIMED_OUT, CANCELLED }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        KubernetesSettings.of(settings);
    }

    @Override
    public void create(TargetEnvironment environment) throws DeployFailure {
        KubernetesSettings settings = settings(environment);
        KubernetesCluster cluster = clusters.cluster(environment.organizationId(), settings.providerId());
        Placement placement = placement(environment, cluster, settings.namespace());
        if (!properties.createNamespaces()) {
            return;
        }
        String namespace = placement.namespace();
        if (namespaceExists(cluster, namespace)) {
            return;
        }
        try {
            calls.call(cluster, "create namespace " + namespace, client -> client.namespaces()
                    .resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                            .withLabels(Map.of(KubernetesManifests.MANAGED_BY, KubernetesManifests.MANAGER))
                            .endMetadata().build())
                    .create());
        }
        catch (DeployFailure failure) {
            if (!namespaceExists(cluster, namespace)) {
                throw failure;
            }
            // made meanwhile by someone else
        }
    }

    private boolean namespaceExists(KubernetesCluster cluster, String namespace) throws DeployFailure {
        return calls.call(cluster, "read namespace " + namespace, client -> {
            try {
                return client.namespaces().withName(namespace).get() != null;
            }
            catch (KubernetesClientException ex) {
                if (ex.getCode() == 403) {
                    // a service account of that namespace may not read namespaces: it is there
                    return true;
                }
                throw ex;
            }
        });
    }

    @Override
    public Release build(DeploymentContext deployment, LogSink logs) throws DeployFailure {
        KubernetesSettings settings = settings(deployment.environment());
        String image = ImageReference.resolve(settings.image(), deployment.commitSha());
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        }
        catch (IllegalArgumentException ex) {
            throw DeployFailure.failed(ex.getMessage());
        }
        logs.info("The kubernetes target builds no image: the release is " + reference);
        return new Release(deployment.deploymentId(), reference.toString(), reference.pinnedDigest().orElse(null),
                Map.of("image", reference.toString()));
    }

    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        try {
            KubernetesSettings settings = settings(deployment.environment());
            KubernetesCluster cluster = clusters.cluster(deployment.environment().organizationId(),
                    settings.providerId());
            Placement placement = placement(deployment.environment(), cluster, settings.namespace());
            return replicaSets(cluster, placement).stream()
                    .filter(set -> builtBy.toString().equals(annotation(set.getSpec().getTemplate(),
                            KubernetesManifests.BUILT_BY)))
                    .findFirst().flatMap(set -> image(set.getSpec().getTemplate()).map(image -> new Release(builtBy,
                            image, ImageReference.parse(image).pinnedDigest().orElse(null), Map.of("image", image,
                                    "replicaSet", set.getMetadata().getName(), "revision", revision(set)))));
        }
        catch (DeployFailure | RuntimeException ex) {
            log.debug("No reusable release of {} on the cluster: {}", builtBy, ex.toString());
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ deploy

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        UUID id = deployment.deploymentId();
        Operation operation = new Operation();
        operations.put(id, operation);
        try {
            TargetEnvironment environment = deployment.environment();
            KubernetesSettings settings = settings(environment);
            KubernetesCluster cluster = clusters.cluster(environment.organizationId(), settings.providerId());
            Placement placement = placement(environment, cluster, settings.namespace());
            String where = placement.namespace() + "/" + placement.name();

            Deployment current = calls.call(cluster, "read Deployment " + where, client -> client.apps().deployments()
                    .inNamespace(placement.namespace()).withName(placement.name()).get());
            PodTemplateSpec previous = previousTemplate(cluster, placement, current, id);
            Secret previousSecret = calls.call(cluster, "read Secret " + placement.secret(), client -> client.secrets()
                    .inNamespace(placement.namespace()).withName(placement.secret()).get());

            apply(cluster, KubernetesManifests.secret(placement, deployment.variables()), "Secret " + placement.secret());
            apply(cluster, KubernetesManifests.service(placement), "Service " + where);
            String host = ingressHost(environment, settings);
            if (host != null) {
                apply(cluster, KubernetesManifests.ingress(placement, host, properties.ingressClass()),
                        "Ingress " + where);
            }
            else {
                calls.call(cluster, "delete Ingress " + where, client -> client.network().v1().ingresses()
                        .inNamespace(placement.namespace()).withName(placement.name()).delete());
            }
            KubernetesManifests.Revision revision = new KubernetesManifests.Revision(id, release.builtBy(),
                    deployment.commitSha(), release.reference());
            PodTemplateSpec template = KubernetesManifests.template(placement, settings, revision,
                    properties.imagePullPolicy());
            apply(cluster, KubernetesManifests.deployment(placement, settings.replicas(), template,
                    "autodeploy deployment " + id + ": " + release.reference(), progressDeadlineSeconds()),
                    "Deployment " + where);
            logs.info("Applied Deployment " + where + " (" + settings.replicas() + " × " + release.reference()
                    + ") on cluster " + cluster.name() + "; watching the rollout");

            PodActivity pods = new PodActivity(cluster, placement.namespace(), podsOf(placement, id),
                    properties.runtimeLogLines(), logs);
            Outcome outcome = watch(cluster, placement, operation, pods, logs);
            if (outcome == Outcome.AVAILABLE) {
                return deployed(cluster, placement, environment, settings, release, pods);
            }
            String reason = switch (outcome) {
                case STALLED -> "The rollout of " + release.reference() + " made no progress (ProgressDeadlineExceeded)";
                case TIMED_OUT -> "The rollout of " + release.reference() + " did not become available within "
                        + properties.rolloutTimeout().toSeconds() + " s";
                default -> "Cancelled";
            };
            String podStates = pods.summary();
            undo(cluster, placement, previous, previousSecret, id, logs);
            if (outcome == Outcome.CANCELLED) {
                throw DeployFailure.cancellation();
            }
            String message = reason + (podStates.isEmpty() ? "." : " (" + podStates + ").");
            throw previous != null ? DeployFailure.keptPrevious(message + " Rolled back to the previous revision.")
                    : DeployFailure.failed(message);
        }
        finally {
            operations.remove(id);
        }
    }

    private Outcome watch(KubernetesCluster cluster, Placement placement, Operation operation, PodActivity pods,
            LogSink logs) throws DeployFailure {
        Instant deadline = clock.instant().plus(properties.rolloutTimeout());
        String where = placement.namespace() + "/" + placement.name();
        String reported = null;
        while (true) {
            if (operation.cancelled()) {
                return Outcome.CANCELLED;
            }
            Deployment deployment;
            try {
                deployment = calls.call(cluster, "read Deployment " + where, client -> client.apps().deployments()
                        .inNamespace(placement.namespace()).withName(placement.name()).get());
            }
            catch (DeployFailure failure) {
                if (!failure.retryable()) {
                    throw failure;
                }
                logs.warn(failure.getMessage() + " Still watching.");
                deployment = null;
            }
            if (deployment != null) {
                Rollout rollout = Rollout.of(deployment);
                if (!rollout.progress().equals(reported)) {
                    reported = rollout.progress();
                    logs.info("Rollout: " + reported);
                }
                if (rollout.available()) {
                    pods.poll();
                    return Outcome.AVAILABLE;
                }
                if (rollout.stalled()) {
                    pods.poll();
                    return Outcome.STALLED;
                }
            }
            pods.poll();
            if (!clock.instant().isBefore(deadline)) {
                return Outcome.TIMED_OUT;
            }
            operation.pause(properties.pollInterval());
        }
    }

    /** A Deployment's rollout as {@code kubectl rollout status} judges it. */
    record Rollout(boolean available, boolean stalled, String progress) {

        static Rollout of(Deployment deployment) {
            long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
            DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
            long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
            int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            int updated = Optional.ofNullable(status.getUpdatedReplicas()).orElse(0);
            int total = Optional.ofNullable(status.getReplicas()).orElse(0);
            int available = Optional.ofNullable(status.getAvailableReplicas()).orElse(0);
            boolean stalled = Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                    .anyMatch(condition -> "Progressing".equals(condition.getType())
                            && "ProgressDeadlineExceeded".equals(condition.getReason()));
            if (observed < generation) {
                return new Rollout(false, stalled, "waiting for the controller to see the new revision");
            }
            String progress = updated + " of " + desired + " updated, " + available + " available"
                    + (total > updated ? ", " + (total - updated) + " old pending termination" : "");
            return new Rollout(updated >= desired && total <= updated && available >= updated, stalled, progress);
        }
    }

    private Deployed deployed(KubernetesCluster cluster, Placement placement, TargetEnvironment environment,
            KubernetesSettings settings, Release release, PodActivity pods) throws DeployFailure {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cluster", cluster.name());
        attributes.put("namespace", placement.namespace());
        attributes.put("deployment", placement.name());
        attributes.put("image", release.reference());
        pods.imageId().ifPresent(imageId -> attributes.put("imageId", imageId));
        Deployment now = calls.call(cluster, "read Deployment " + placement.name(), client -> client.apps()
                .deployments().inNamespace(placement.namespace()).withName(placement.name()).get());
        Optional.ofNullable(now).map(deployment -> deployment.getMetadata().getAnnotations())
                .map(annotations -> annotations.get(KubernetesManifests.REVISION))
                .ifPresent(revision -> attributes.put("revision", revision));
        return new Deployed(url(placement, ingressHost(environment, settings)), attributes);
    }

    /** Puts back what served before: the previous revision's pod template and the previous variables. */
    private void undo(KubernetesCluster cluster, Placement placement, PodTemplateSpec previous, Secret previousSecret,
            UUID failed, LogSink logs) {
        String where = placement.namespace() + "/" + placement.name();
        try {
            if (previousSecret != null) {
                apply(cluster, new SecretBuilder().withMetadata(KubernetesManifests.secret(placement, Map.of())
                        .getMetadata()).withType("Opaque").withData(previousSecret.getData()).build(),
                        "Secret " + placement.secret());
            }
            if (previous == null) {
                // nothing served before: stop the rollout where it is rather than leave it retrying
                calls.call(cluster, "pause Deployment " + where, client -> client.apps().deployments()
                        .inNamespace(placement.namespace()).withName(placement.name()).edit(deployment -> {
                            deployment.getSpec().setPaused(true);
                            return deployment;
                        }));
                logs.warn("No earlier revision to roll back to: paused the rollout of " + where);
                return;
            }
            Deployment current = calls.call(cluster, "read Deployment " + where, client -> client.apps()
                    .deployments().inNamespace(placement.namespace()).withName(placement.name()).get());
            int replicas = current == null ? 1 : Optional.ofNullable(current.getSpec().getReplicas()).orElse(1);
            String back = Optional.ofNullable(annotation(previous, KubernetesManifests.DEPLOYMENT_ID)).orElse("?");
            previous.getMetadata().setCreationTimestamp(null);
            apply(cluster, KubernetesManifests.deployment(placement, replicas, previous, "autodeploy rollback of "
                    + failed + " to deployment " + back, progressDeadlineSeconds()), "Deployment " + where);
            logs.warn("Rolled " + where + " back to the revision of deployment " + back + " ("
                    + image(previous).orElse("?") + ")");
        }
        catch (DeployFailure failure) {
            logs.error("Rolling back failed: " + failure.getMessage());
        }
    }

    /** The template the environment served before this deployment's: the Deployment's, or an older ReplicaSet's. */
    private PodTemplateSpec previousTemplate(KubernetesCluster cluster, Placement placement, Deployment current,
            UUID deploymentId) throws DeployFailure {
        if (current == null) {
            return null;
        }
        PodTemplateSpec template = current.getSpec().getTemplate();
        if (!deploymentId.toString().equals(annotation(template, KubernetesManifests.DEPLOYMENT_ID))) {
            return template;
        }
        // An earlier attempt of this deployment applied already: the revision before it is in its ReplicaSets.
        return replicaSets(cluster, placement).stream().map(set -> set.getSpec().getTemplate())
                .filter(older -> !deploymentId.toString().equals(annotation(older, KubernetesManifests.DEPLOYMENT_ID)))
                .findFirst().orElse(null);
    }

    /** The environment's ReplicaSets, newest revision first. */
    private List<ReplicaSet> replicaSets(KubernetesCluster cluster, Placement placement) throws DeployFailure {
        List<ReplicaSet> sets = calls.call(cluster, "list ReplicaSets of " + placement.name(), client -> client.apps()
                .replicaSets().inNamespace(placement.namespace()).withLabels(placement.selector()).list().getItems());
        return sets.stream().filter(set -> set.getSpec() != null && set.getSpec().getTemplate() != null)
                .sorted(Comparator.comparingLong(KubernetesDeployTarget::revisionNumber).reversed()).toList();
    }

    private static long revisionNumber(ReplicaSet set) {
        try {
            return Long.parseLong(revision(set));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static String revision(ReplicaSet set) {
        return Optional.ofNullable(set.getMetadata().getAnnotations()).map(a -> a.get(KubernetesManifests.REVISION))
                .orElse("0");
    }

    private static String annotation(PodTemplateSpec template, String key) {
        return template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? null : template.getMetadata().getAnnotations().get(key);
    }

    private static Optional<String> image(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream()
                .filter(container -> KubernetesManifests.CONTAINER.equals(container.getName())).findFirst()
                .map(container -> container.getImage()).filter(Objects::nonNull);
    }

    /**
     * Server-side apply as field manager {@code autodeploy}, taking over fields others set; on an API server that
     * does not apply (one answering 404 for a missing object or 415 for the apply patch — fabric8's mock server,
     * some proxies), create or replace instead.
     */
    private <T extends HasMetadata> T apply(KubernetesCluster cluster, T object, String what) throws DeployFailure {
        return calls.call(cluster, "apply " + what, client -> {
            var resource = client.resource(object).inNamespace(object.getMetadata().getNamespace());
            try {
                return resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
            catch (KubernetesClientException ex) {
                if (ex.getCode() != 404 && ex.getCode() != 415) {
                    throw ex;
                }
                return resource.createOr(NonDeletingOperation::update);
            }
        });
    }

    // ------------------------------------------------------------------ the rest of the SPI

    @Override
    public void cancel(UUID deploymentId) {
        Operation operation = operations.get(deploymentId);
        if (operation != null) {
            operation.cancel();
        }
    }

    @Override
    public TargetStatus status(TargetEnvironment environment) {
        String host = ingressHost(environment, null);
        try {
            KubernetesCluster cluster = clusters.cluster(environment.organizationId(), providerSetting(environment));
            Placement placement = placement(environment, cluster, namespaceSetting(environment));
            Deployment deployment = readDeployment(cluster, placement);
            if (deployment == null) {
                return new TargetStatus("stopped", null, null, "No Deployment " + placement.namespace() + "/"
                        + placement.name() + ".");
            }
            int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            int ready = deployment.getStatus() == null ? 0
                    : Optional.ofNullable(deployment.getStatus().getReadyReplicas()).orElse(0);
            String serving = annotation(deployment.getSpec().getTemplate(), KubernetesManifests.DEPLOYMENT_ID);
            UUID deploymentId = serving == null ? null : UUID.fromString(serving);
            String state = ready > 0 ? "serving" : desired == 0 ? "stopped" : "unknown";
            return new TargetStatus(state, deploymentId, url(placement, host), ready + "/" + desired + " pods ready"
                    + image(deployment.getSpec().getTemplate()).map(image -> ", " + image).orElse(""));
        }
        catch (DeployFailure failure) {
            return new TargetStatus("unknown", null, null, failure.getMessage());
        }
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        Instant start = clock.instant();
        boolean healthy;
        String detail;
        try {
            KubernetesCluster cluster = clusters.cluster(environment.organizationId(), providerSetting(environment));
            Placement placement = placement(environment, cluster, namespaceSetting(environment));
            Deployment deployment = readDeployment(cluster, placement);
            Service service = calls.call(cluster, "read Service " + placement.name(), client -> client.services()
                    .inNamespace(placement.namespace()).withName(placement.name()).get());
            if (deployment == null || service == null) {
                healthy = false;
                detail = deployment == null ? "No Deployment." : "No Service.";
            }
            else {
                int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
                DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
                int ready = Optional.ofNullable(status.getReadyReplicas()).orElse(0);
                int available = Optional.ofNullable(status.getAvailableReplicas()).orElse(0);
                healthy = ready > 0 && available > 0;
                detail = ready + "/" + desired + " pods ready, " + available + " available"
                        + Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                                .filter(condition -> "Available".equals(condition.getType())
                                        && "False".equals(condition.getStatus()))
                                .map(DeploymentCondition::getMessage).filter(Objects::nonNull)
                                .map(message -> " (" + message + ")").findFirst().orElse("");
            }
        }
        catch (DeployFailure failure) {
            healthy = false;
            detail = failure.getMessage();
        }
        Instant end = clock.instant();
        return new HealthReport(healthy, null, Duration.between(start, end), detail, end);
    }

    @Override
    public void destroy(TargetEnvironment environment) {
        try {
            KubernetesCluster cluster = clusters.cluster(environment.organizationId(), providerSetting(environment));
            Placement placement = placement(environment, cluster, namespaceSetting(environment));
            Map<String, String> labels = placement.labels();
            String namespace = placement.namespace();
            calls.call(cluster, "delete Ingresses of " + placement.name(), client -> client.network().v1().ingresses()
                    .inNamespace(namespace).withLabels(labels).delete());
            calls.call(cluster, "delete Services of " + placement.name(), client -> client.services()
                    .inNamespace(namespace).withLabels(labels).delete());
            calls.call(cluster, "delete Deployments of " + placement.name(), client -> client.apps().deployments()
                    .inNamespace(namespace).withLabels(labels).delete());
            calls.call(cluster, "delete Secrets of " + placement.name(), client -> client.secrets()
                    .inNamespace(namespace).withLabels(labels).delete());
        }
        catch (DeployFailure failure) {
            log.warn("Could not remove environment {} from the cluster: {}", environment.environmentId(),
                    failure.getMessage());
        }
    }

    // ------------------------------------------------------------------ internals

    private Deployment readDeployment(KubernetesCluster cluster, Placement placement) throws DeployFailure {
        return calls.call(cluster, "read Deployment " + placement.name(), client -> client.apps().deployments()
                .inNamespace(placement.namespace()).withName(placement.name()).get());
    }

    private static KubernetesSettings settings(TargetEnvironment environment) throws DeployFailure {
        try {
            return KubernetesSettings.of(environment.settings());
        }
        catch (InvalidTargetSettings ex) {
            throw DeployFailure.failed("The environment's kubernetes settings are not usable: " + ex.getMessage());
        }
    }

    /** Where the environment lives: its namespace setting, else the cluster's namespace, else the pattern's. */
    private Placement placement(TargetEnvironment environment, KubernetesCluster cluster, String namespace) {
        String project = environment.projectSlug();
        String name = environment.environmentName();
        String chosen = namespace != null ? namespace : cluster.namespace();
        return new Placement(chosen != null ? chosen
                : KubernetesNames.namespace(properties.namespace(), project, name),
                KubernetesNames.resource(project, name), KubernetesNames.labelValue(project),
                KubernetesNames.labelValue(name));
    }

    /** The namespace setting when it is one: status and destroy also see environments retargeted since. */
    private static String namespaceSetting(TargetEnvironment environment) {
        String namespace = environment.settings().get("namespace");
        return namespace != null && namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?") ? namespace : null;
    }

    private static UUID providerSetting(TargetEnvironment environment) {
        try {
            String provider = environment.settings().get("providerId");
            return provider == null ? null : UUID.fromString(provider);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private String ingressHost(TargetEnvironment environment, KubernetesSettings settings) {
        String host = settings != null ? settings.ingressHost() : environment.settings().get("ingressHost");
        if (host != null && KubernetesNames.isHost(host)) {
            return host;
        }
        if (properties.ingressHost() == null || properties.ingressHost().isBlank()) {
            return null;
        }
        return KubernetesNames.host(properties.ingressHost(), environment.projectSlug(),
                environment.environmentName());
    }

    private String url(Placement placement, String host) {
        return host != null ? properties.urlScheme() + "://" + host
                : "http://" + placement.name() + "." + placement.namespace() + ".svc.cluster.local";
    }

    private int progressDeadlineSeconds() {
        return (int) Math.max(1, properties.rolloutTimeout().toSeconds());
    }

    private static Map<String, String> podsOf(Placement placement, UUID deploymentId) {
        Map<String, String> labels = new LinkedHashMap<>(placement.selector());
        labels.put(KubernetesManifests.DEPLOYMENT_LABEL, deploymentId.toString());
        return labels;
    }
}
