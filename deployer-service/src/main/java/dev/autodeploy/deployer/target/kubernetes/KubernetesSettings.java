package dev.autodeploy.deployer.target.kubernetes;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.autodeploy.deployer.target.InvalidTargetSettings;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * An environment's settings for the {@code kubernetes} target, checked.
 *
 * @param image the image reference to deploy, possibly with {@code {commitSha}}/{@code {shortSha}} in its tag
 * @param namespace the environment's namespace, or null for the configured pattern's
 * @param ingressHost the host of the environment's Ingress, or null for the configured pattern's (none when that
 *        is blank too)
 * @param requests {@code cpu}/{@code memory} requests of the app's container
 * @param providerId a registered {@code kubernetes} CI/CD provider to deploy to instead of the configured cluster
 */
record KubernetesSettings(String image, int replicas, int port, String namespace, String healthCheckPath,
        String ingressHost, Map<String, String> requests, Map<String, String> limits, UUID providerId) {

    static final int DEFAULT_PORT = 8080;
    static final Set<String> KEYS = new TreeSet<>(Set.of("image", "replicas", "port", "namespace", "healthCheckPath",
            "ingressHost", "cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit", "providerId"));

    KubernetesSettings {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
    }

    /** Refuses unknown keys and bad values with {@link InvalidTargetSettings}, saying which and why. */
    static KubernetesSettings of(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTargetSettings("The kubernetes target has no setting '" + key + "'; it knows "
                        + String.join(", ", KEYS) + ".");
            }
        }
        String image = value(settings, "image");
        if (image == null) {
            throw new InvalidTargetSettings("image is required: the container image to deploy, with a tag or digest.");
        }
        try {
            ImageReference.check(image);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidTargetSettings(ex.getMessage());
        }
        int replicas = number(settings, "replicas", 1, 50, 1);
        int port = number(settings, "port", 1, 65535, DEFAULT_PORT);
        String namespace = value(settings, "namespace");
        if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new InvalidTargetSettings("namespace must be a DNS label: at most 63 lower-case letters, digits "
                    + "and '-', starting and ending with a letter or digit.");
        }
        String healthCheckPath = value(settings, "healthCheckPath");
        if (healthCheckPath != null && !healthCheckPath.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,200}")) {
            throw new InvalidTargetSettings("healthCheckPath must be a path starting with /.");
        }
        String ingressHost = value(settings, "ingressHost");
        if (ingressHost != null && !KubernetesNames.isHost(ingressHost)) {
            throw new InvalidTargetSettings("ingressHost must be a lower-case host name (labels of letters, digits "
                    + "and '-' separated by dots).");
        }
        Map<String, String> requests = new LinkedHashMap<>();
        Map<String, String> limits = new LinkedHashMap<>();
        resource(settings, "cpu", "cpuRequest", "cpuLimit", "[0-9]+(\\.[0-9]{1,3})?m?", requests, limits);
        resource(settings, "memory", "memoryRequest", "memoryLimit", "[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?",
                requests, limits);
        UUID providerId = null;
        String provider = value(settings, "providerId");
        if (provider != null) {
            try {
                providerId = UUID.fromString(provider);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidTargetSettings("providerId must be the id (a UUID) of a registered kubernetes provider.");
            }
        }
        return new KubernetesSettings(image, replicas, port, namespace, healthCheckPath, ingressHost, requests, limits,
                providerId);
    }

    private static void resource(Map<String, String> settings, String resource, String requestKey, String limitKey,
            String syntax, Map<String, String> requests, Map<String, String> limits) {
        String request = value(settings, requestKey);
        String limit = value(settings, limitKey);
        for (String key : new String[] { requestKey, limitKey }) {
            String quantity = value(settings, key);
            if (quantity != null && (!quantity.matches(syntax) || amount(quantity).signum() <= 0)) {
                throw new InvalidTargetSettings(key + " must be a positive Kubernetes quantity ("
                        + (resource.equals("cpu") ? "500m, 1, 1.5" : "256Mi, 1Gi") + ").");
            }
        }
        if (request != null && limit != null && amount(request).compareTo(amount(limit)) > 0) {
            throw new InvalidTargetSettings(requestKey + " must not be more than " + limitKey + ".");
        }
        if (request != null) {
            requests.put(resource, request);
        }
        if (limit != null) {
            limits.put(resource, limit);
        }
    }

    private static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    private static int number(Map<String, String> settings, String key, int min, int max, int fallback) {
        String value = value(settings, key);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        catch (NumberFormatException ignored) {
            // said below
        }
        throw new InvalidTargetSettings(key + " must be a whole number from " + min + " to " + max + ".");
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
