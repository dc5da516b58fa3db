package dev.autodeploy.git;

import java.net.URI;

/**
 * A repository URL that passed {@link GitUrlPolicy}: {@code https://} (or {@code file://} where
 * allowed), no credentials in it, no fragment.
 *
 * @param value the URL as stored and shown
 * @param host its host, null for {@code file://}
 */
public record GitUrl(String value, String host) {

    public boolean isFile() {
        return host == null;
    }

    /** The repository's name for display: {@code owner/name} from the path, without {@code .git}. */
    public String fullName() {
        String path = URI.create(value).getPath();
        String trimmed = path.replaceAll("/+$", "").replaceAll("\\.git$", "");
        String[] segments = trimmed.split("/");
        if (segments.length >= 2 && !segments[segments.length - 2].isEmpty() && !isFile()) {
            return segments[segments.length - 2] + "/" + segments[segments.length - 1];
        }
        return segments.length == 0 ? value : segments[segments.length - 1];
    }
}
