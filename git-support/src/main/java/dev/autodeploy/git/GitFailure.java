package dev.autodeploy.git;

import java.util.regex.Pattern;

/**
 * A Git operation failed. The message is safe to store and show: credentials in URLs and the
 * token used are removed, and it is kept short.
 */
public class GitFailure extends Exception {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final int MAX_LENGTH = 500;

    GitFailure(String reason) {
        super(reason, null, false, false);
    }

    /** {@code text} without credentials: any user info in URLs, and the secret itself wherever it appears. */
    static String scrub(String text, GitCredentials credentials) {
        if (text == null || text.isBlank()) {
            return "unknown error";
        }
        String scrubbed = USER_INFO.matcher(text).replaceAll("");
        if (credentials != null && credentials.password() != null && !credentials.password().isEmpty()) {
            scrubbed = scrubbed.replace(credentials.password(), "******");
        }
        scrubbed = scrubbed.replaceAll("\\s+", " ").strip();
        return scrubbed.length() > MAX_LENGTH ? scrubbed.substring(0, MAX_LENGTH) + "…" : scrubbed;
    }

    static GitFailure of(String what, Throwable cause, GitCredentials credentials) {
        Throwable root = cause;
        StringBuilder reason = new StringBuilder(what);
        // JGit wraps the useful message (host unreachable, not authorized, ...) a level or two down.
        String last = null;
        while (root != null) {
            String message = root.getMessage();
            if (message != null && !message.equals(last) && (last == null || !last.contains(message))) {
                reason.append(": ").append(message);
                last = message;
            }
            root = root.getCause() == root ? null : root.getCause();
        }
        if (last == null && cause != null) {
            reason.append(": ").append(cause.getClass().getSimpleName());
        }
        return new GitFailure(scrub(reason.toString(), credentials));
    }
}
