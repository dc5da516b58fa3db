package dev.autodeploy.deployer.target.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of what the target makes in the cluster, derived from the project's slug and the environment's name as
 * DNS-1035 labels (what a Service name must be, and so valid for every other kind): lower case, at most 63
 * characters, starting with a letter. A name too long is cut and ends in a hash of the whole, so two long names
 * that share a start still differ.
 */
final class KubernetesNames {

    static final int MAX = 63;
    /** Room for the {@code -env} of the environment's Secret. */
    private static final int BASE_MAX = MAX - 4;
    private static final int HASH = 8;

    private KubernetesNames() {
    }

    /** The Deployment's, Service's and Ingress's name. */
    static String resource(String projectSlug, String environmentName) {
        return label(projectSlug + "-" + environmentName, BASE_MAX);
    }

    static String secret(String resource) {
        return resource + "-env";
    }

    /** The namespace a pattern gives ({@code {project}}, {@code {environment}} filled in). */
    static String namespace(String pattern, String projectSlug, String environmentName) {
        return label(pattern.replace("{project}", projectSlug).replace("{environment}", environmentName), MAX);
    }

    /** A host an Ingress host pattern gives: each dot-separated part a label. */
    static String host(String pattern, String projectSlug, String environmentName) {
        String host = pattern.replace("{project}", label(projectSlug, MAX))
                .replace("{environment}", label(environmentName, MAX));
        return host.toLowerCase(Locale.ROOT);
    }

    /** A value a label may have (at most 63 characters of {@code [a-z0-9-]}). */
    static String labelValue(String value) {
        return label(value, MAX);
    }

    static boolean isLabel(String value) {
        return value != null && value.length() <= MAX && value.matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }

    /** A host name: dot-separated DNS-1123 labels, at most 253 characters. */
    static boolean isHost(String value) {
        return value != null && value.length() <= 253
                && value.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    }

    private static String label(String value, int max) {
        String name = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.isEmpty()) {
            name = "app";
        }
        else if (!Character.isLetter(name.charAt(0))) {
            name = "app-" + name;
        }
        if (name.length() > max) {
            name = name.substring(0, max - HASH - 1).replaceAll("-+$", "") + "-" + hash(value);
        }
        return name;
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
