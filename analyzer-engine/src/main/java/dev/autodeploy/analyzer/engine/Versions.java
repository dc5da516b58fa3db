package dev.autodeploy.analyzer.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a declared version or range ({@code ^14.2.3}, {@code >=3.11,<4}, {@code ~> 7.1}) into a version. */
public final class Versions {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+){0,2}(?:-[0-9A-Za-z.]+)?)");

    private Versions() {
    }

    /** The first version in {@code range}, or null when it names none (e.g. {@code *}, {@code latest}). */
    public static String clean(String range) {
        if (range == null) {
            return null;
        }
        Matcher matcher = VERSION.matcher(range);
        return matcher.find() ? matcher.group(1) : null;
    }
}
