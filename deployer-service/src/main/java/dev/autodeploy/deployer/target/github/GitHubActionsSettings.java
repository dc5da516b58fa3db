package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.target.InvalidTargetSettings;

/**
 * An environment's settings for the {@code github-actions} target, checked: which connection ({@code providerId}),
 * which repository ({@code owner/name}) and workflow (file name or id) to dispatch, at which {@code ref} (the
 * deployment's branch when absent), and the {@code url} the workflow deploys the app to (optional). These values
 * only ever become URL path segments and the dispatch's {@code ref}; nothing of them is written into a workflow.
 */
record GitHubActionsSettings(UUID providerId, GitHubActionsClient.Repository repository, String workflow, String ref,
        String url) {

    static final Set<String> KEYS = new TreeSet<>(Set.of("providerId", "repository", "workflow", "ref", "url"));
    private static final Pattern REPOSITORY = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.ya?ml|[0-9]{1,19}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/+-]{1,255}");

    static GitHubActionsSettings of(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTargetSettings("Unknown setting '" + key + "' for the github-actions target; known: "
                        + String.join(", ", KEYS) + ".");
            }
        }
        UUID providerId = providerId(settings.get("providerId"));
        String repository = required(settings, "repository");
        if (!REPOSITORY.matcher(repository).matches() || repository.endsWith("/.") || repository.endsWith("/..")) {
            throw new InvalidTargetSettings("repository must be a GitHub repository as owner/name.");
        }
        String workflow = required(settings, "workflow");
        if (!WORKFLOW.matcher(workflow).matches()) {
            throw new InvalidTargetSettings("workflow must be the workflow's file name in .github/workflows "
                    + "(deploy.yml) or its numeric id.");
        }
        String ref = blankToNull(settings.get("ref"));
        if (ref != null && !validRef(ref)) {
            throw new InvalidTargetSettings("ref must be a branch or tag name.");
        }
        String url = blankToNull(settings.get("url"));
        if (url != null && !validUrl(url)) {
            throw new InvalidTargetSettings("url must be the http(s) address the workflow deploys the app to.");
        }
        String name = repository.endsWith(".git") ? repository.substring(0, repository.length() - 4) : repository;
        return new GitHubActionsSettings(providerId, GitHubActionsClient.Repository.of(name), workflow, ref, url);
    }

    /** A Git branch or tag name as {@code git check-ref-format} would take it. */
    static boolean validRef(String ref) {
        return REF.matcher(ref).matches() && !ref.contains("..") && !ref.contains("//") && !ref.startsWith("/")
                && !ref.endsWith("/") && !ref.startsWith("-") && !ref.endsWith(".") && !ref.endsWith(".lock")
                && !ref.contains("/.") && !ref.startsWith(".");
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static UUID providerId(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidTargetSettings("providerId is required: the id of the organization's github-actions "
                    + "CI/CD provider (POST /api/v1/cicd-providers).");
        }
        try {
            return UUID.fromString(value.strip());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidTargetSettings("providerId must be a CI/CD provider's id (a UUID).");
        }
    }

    private static String required(Map<String, String> settings, String key) {
        String value = blankToNull(settings.get(key));
        if (value == null) {
            throw new InvalidTargetSettings(key + " is required for the github-actions target.");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
