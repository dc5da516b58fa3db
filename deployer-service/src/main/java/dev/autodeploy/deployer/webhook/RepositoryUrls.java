package dev.autodeploy.deployer.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key per repository whichever way its URL is written: {@code https://github.com/Owner/Name.git},
 * {@code git@github.com:owner/name}, {@code ssh://git@github.com/owner/name.git} and {@code git://github.com/owner/name}
 * are all {@code github.com/owner/name} (case-insensitive, no {@code .git}, no port, no credentials, no trailing
 * slash); a {@code file://} URL is its path.
 */
final class RepositoryUrls {

    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$");

    private RepositoryUrls() {
    }

    static Optional<String> key(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.strip();
        String host;
        String path;
        if (!text.contains("://")) {
            Matcher scp = SCP.matcher(text);
            if (!scp.matches()) {
                return Optional.empty();
            }
            host = scp.group(1);
            path = scp.group(2);
        }
        else {
            try {
                URI uri = URI.create(text);
                host = uri.getHost() == null ? "" : uri.getHost();
                path = uri.getPath() == null ? "" : uri.getPath();
            }
            catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
        path = path.replaceAll("/+$", "").replaceAll("^/+", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((host + "/" + path).toLowerCase(Locale.ROOT));
    }
}
