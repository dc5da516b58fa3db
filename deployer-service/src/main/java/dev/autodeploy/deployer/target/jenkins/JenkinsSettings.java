package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.target.InvalidCommand;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import dev.autodeploy.deployer.target.TargetEnvironment;

/**
 * An environment's settings for the Jenkins target, checked: which registered Jenkins, where the job lives, what
 * the pipeline does besides building (image, tests, a deploy command) and where the deployed app is.
 *
 * @param image the image repository the pipeline builds and pushes, tagged with the commit (null: no image)
 * @param url the deployed app's public URL, when the pipeline deploys it somewhere AutoDeploy should show
 */
record JenkinsSettings(UUID providerId, String folder, String jobName, String image, boolean push,
        String testCommand, String deployCommand, String agentLabel, int timeoutMinutes, URI url) {

    static final List<String> KEYS = List.of("providerId", "folder", "jobName", "image", "push", "testCommand",
            "deployCommand", "agentLabel", "timeoutMinutes", "url", "database");

    /** A Docker image repository: an optional registry host (and port), then lowercase path components. */
    private static final Pattern IMAGE = Pattern.compile(
            "([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?/)?"
                    + "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** Reads and checks the settings; refuses unknown keys and bad values with {@link InvalidTargetSettings}. */
    static JenkinsSettings of(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTargetSettings("The jenkins target has no setting '" + JobPath.printable(key)
                        + "'; it knows " + String.join(", ", KEYS) + ".");
            }
        }
        String provider = value(settings, "providerId");
        if (provider == null) {
            throw new InvalidTargetSettings("providerId is required: the id of a Jenkins registered in the "
                    + "organization (POST /api/v1/cicd-providers).");
        }
        UUID providerId;
        try {
            providerId = UUID.fromString(provider);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidTargetSettings("providerId must be the id (a UUID) of a registered Jenkins.");
        }
        String folder = value(settings, "folder");
        String jobName = value(settings, "jobName");
        // checks the folder path and the job name
        JobPath.of(folder, jobName == null ? "job" : jobName);
        String image = value(settings, "image");
        if (image != null && (image.length() > 255 || !IMAGE.matcher(image).matches())) {
            throw new InvalidTargetSettings("image must be an image repository such as registry.example.com/team/app"
                    + " (lowercase, no tag: the pipeline tags it with the commit).");
        }
        String push = value(settings, "push");
        if (push != null && !push.equals("true") && !push.equals("false")) {
            throw new InvalidTargetSettings("push must be true or false.");
        }
        String testCommand = command(settings, "testCommand");
        String deployCommand = command(settings, "deployCommand");
        String agentLabel = value(settings, "agentLabel");
        if (agentLabel != null && !LABEL.matcher(agentLabel).matches()) {
            throw new InvalidTargetSettings("agentLabel must be one Jenkins label: letters, digits, '.', '_', '-'.");
        }
        int timeout = 60;
        String timeoutMinutes = value(settings, "timeoutMinutes");
        if (timeoutMinutes != null) {
            try {
                timeout = Integer.parseInt(timeoutMinutes);
            }
            catch (NumberFormatException ex) {
                timeout = -1;
            }
            if (timeout < 1 || timeout > 1440) {
                throw new InvalidTargetSettings("timeoutMinutes must be a whole number from 1 to 1440.");
            }
        }
        String database = value(settings, "database");
        if (database != null && !database.equals("postgresql") && !database.equals("none")) {
            throw new InvalidTargetSettings("database must be postgresql or none.");
        }
        return new JenkinsSettings(providerId, folder, jobName, image, !"false".equals(push), testCommand,
                deployCommand, agentLabel, timeout, url(value(settings, "url")));
    }

    /** The job: {@code jobName} in {@code folder}, by default named after the project and environment. */
    JobPath job(TargetEnvironment environment) {
        return JobPath.of(folder, jobName != null ? jobName : defaultJobName(environment));
    }

    static String defaultJobName(TargetEnvironment environment) {
        String name = (environment.projectSlug() + "-" + environment.environmentName()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9_]+", "");
        if (name.isEmpty()) {
            name = "env-" + environment.environmentId();
        }
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    private static String command(Map<String, String> settings, String key) {
        String command = value(settings, key);
        if (command != null) {
            try {
                CommandLine.parse(command);
            }
            catch (InvalidCommand ex) {
                throw new InvalidTargetSettings(key + " cannot be run: " + ex.getMessage() + ".");
            }
        }
        return command;
    }

    private static URI url(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI url = new URI(value);
            if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null
                    || url.getRawUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return url;
        }
        catch (java.net.URISyntaxException | IllegalArgumentException ex) {
            throw new InvalidTargetSettings("url must be an http(s) URL without credentials.");
        }
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
