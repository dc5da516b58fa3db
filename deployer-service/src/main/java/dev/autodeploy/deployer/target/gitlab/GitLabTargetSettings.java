package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.target.InvalidTargetSettings;

/**
 * An environment's settings for the {@code gitlab-ci} target, checked.
 *
 * @param providerId the registered {@code gitlab-ci} CI/CD provider of the organization to run pipelines on
 * @param project the GitLab project: its numeric id or its path ({@code group/subgroup/project})
 * @param ref the branch or tag pipelines run on; null: the deployment's branch (else the project's default branch)
 * @param url the app's public URL once a pipeline deployed it, if the user knows it; null: none shown
 * @param passVariables which of the environment's variables become pipeline variables
 * @param triggerTokenVariable the environment's secret variable holding a pipeline trigger token of the project;
 *     pipelines are then created with it ({@code POST /projects/:id/trigger/pipeline}) instead of the provider's
 *     API token, which still reads their status and logs; null: the API token creates them
 * @param database {@code postgresql} to provision a database for the environment, as on every target
 */
record GitLabTargetSettings(UUID providerId, String project, String ref, String url, PassVariables passVariables,
        String triggerTokenVariable, String database) {

    static final Set<String> KEYS = new TreeSet<>(Set.of("providerId", "project", "ref", "url", "passVariables",
            "triggerTokenVariable", "database"));

    /**
     * GitLab shows a pipeline's variables to project members who may see them (Maintainers, by default); the API
     * cannot mark them masked. So secrets stay out unless the user chooses {@code all}.
     */
    enum PassVariables {
        /** Only AutoDeploy's own {@code AUTODEPLOY_*} variables (the default). */
        NONE,
        /** Also the environment's variables that are not secret. */
        PLAIN,
        /** Also the secret ones, visible in GitLab's pipeline view to those members. */
        ALL
    }

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern REF_FORBIDDEN = Pattern.compile("[\\x00-\\x20~^:?*\\[\\\\\\x7f]");

    static GitLabTargetSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTargetSettings("The gitlab-ci target has no setting '" + key + "'; it knows "
                        + String.join(", ", KEYS) + ".");
            }
        }
        String providerText = value(settings, "providerId");
        if (providerText == null) {
            throw new InvalidTargetSettings("providerId is required: the id of a gitlab-ci CI/CD provider registered"
                    + " in the organization (POST /api/v1/cicd-providers).");
        }
        UUID providerId;
        try {
            providerId = UUID.fromString(providerText);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidTargetSettings("providerId must be a CI/CD provider's id (a UUID).");
        }
        String project = value(settings, "project");
        if (project == null) {
            throw new InvalidTargetSettings("project is required: the GitLab project's numeric id or its path"
                    + " (group/project).");
        }
        checkProject(project);
        String ref = value(settings, "ref");
        if (ref != null) {
            checkRef(ref);
        }
        String url = value(settings, "url");
        if (url != null) {
            checkUrl(url);
        }
        String passText = value(settings, "passVariables");
        PassVariables pass = PassVariables.NONE;
        if (passText != null) {
            try {
                pass = PassVariables.valueOf(passText.toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidTargetSettings("passVariables must be none, plain (the environment's variables that"
                        + " are not secret) or all (secrets too: GitLab shows pipeline variables to project"
                        + " maintainers).");
            }
        }
        String triggerTokenVariable = value(settings, "triggerTokenVariable");
        if (triggerTokenVariable != null && !VARIABLE_NAME.matcher(triggerTokenVariable).matches()) {
            throw new InvalidTargetSettings("triggerTokenVariable must name one of the environment's variables"
                    + " (letters, digits and '_').");
        }
        String database = value(settings, "database");
        if (database != null && !database.equals("postgresql") && !database.equals("none")) {
            throw new InvalidTargetSettings("database must be postgresql or none.");
        }
        return new GitLabTargetSettings(providerId, project, ref, url, pass, triggerTokenVariable, database);
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void checkProject(String project) {
        if (NUMERIC_ID.matcher(project).matches()) {
            return;
        }
        String[] segments = project.split("/", -1);
        boolean valid = project.length() <= 255 && segments.length >= 2;
        for (String segment : segments) {
            valid &= PATH_SEGMENT.matcher(segment).matches() && !segment.endsWith(".git")
                    && !segment.endsWith(".atom") && !segment.endsWith(".") && !segment.contains("..");
        }
        if (!valid) {
            throw new InvalidTargetSettings("project must be the GitLab project's numeric id or its full path, such"
                    + " as group/project or group/subgroup/project (letters, digits, '_', '-', '.').");
        }
    }

    private static void checkRef(String ref) {
        if (ref.length() > 255 || REF_FORBIDDEN.matcher(ref).find() || ref.startsWith("/") || ref.endsWith("/")
                || ref.startsWith("-") || ref.endsWith(".") || ref.endsWith(".lock") || ref.contains("..")
                || ref.contains("//") || ref.contains("@{")) {
            throw new InvalidTargetSettings("ref must be a branch or tag name Git accepts (no blanks, '..', '~',"
                    + " '^', ':', '?', '*', '[' or '\\').");
        }
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new InvalidTargetSettings("url must be an http(s) URL without credentials, such as"
                        + " https://app.example.com.");
            }
        }
        catch (URISyntaxException ex) {
            throw new InvalidTargetSettings("url is not a valid URL.");
        }
    }
}
