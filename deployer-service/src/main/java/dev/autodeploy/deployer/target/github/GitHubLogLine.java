package dev.autodeploy.deployer.target.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a GitHub Actions job log as a deployment log line: the runner's timestamp prefix dropped,
 * {@code ##[error]} / {@code ##[warning]} annotations turned into levels, group markers into plain headings.
 */
record GitHubLogLine(String level, String message) {

    private static final Pattern TIMESTAMP = Pattern.compile("^\\uFEFF?\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z ");
    private static final Pattern COMMAND = Pattern.compile("^##\\[(\\w+)](.*)$");

    /** The line as a log line; null for one that says nothing ({@code ##[endgroup]}, blank). */
    static GitHubLogLine parse(String raw) {
        String text = TIMESTAMP.matcher(raw).replaceFirst("");
        Matcher command = COMMAND.matcher(text);
        if (command.matches()) {
            String message = command.group(2).strip();
            return switch (command.group(1)) {
                case "error" -> new GitHubLogLine("error", message);
                case "warning" -> new GitHubLogLine("warn", message);
                case "debug" -> new GitHubLogLine("debug", message);
                case "endgroup" -> null;
                default -> message.isEmpty() ? null : new GitHubLogLine("info", message);
            };
        }
        return text.isBlank() ? null : new GitHubLogLine("info", text.stripTrailing());
    }
}
