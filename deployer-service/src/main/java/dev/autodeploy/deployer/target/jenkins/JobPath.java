package dev.autodeploy.deployer.target.jenkins;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.target.InvalidTargetSettings;

/**
 * Where a job lives on a Jenkins: its folders, outermost first, and its name. Every segment matches a strict
 * pattern (letters, digits, {@code . _ -}, not starting with a dot), so a name can neither walk out of its folder
 * nor mean anything in a URL, in config.xml or in a pipeline.
 */
record JobPath(List<String> folders, String name) {

    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,79}");
    private static final int MAX_DEPTH = 5;

    JobPath {
        folders = List.copyOf(folders);
        if (folders.size() > MAX_DEPTH) {
            throw new InvalidTargetSettings("A Jenkins folder path may have at most " + MAX_DEPTH + " levels.");
        }
        folders.forEach(segment -> check(segment, "folder"));
        check(name, "job name");
    }

    /** A job {@code name} in the folder path {@code folder} ({@code a/b}; null or blank for the top level). */
    static JobPath of(String folder, String name) {
        List<String> folders = new ArrayList<>();
        if (folder != null && !folder.isBlank()) {
            for (String segment : folder.strip().split("/", -1)) {
                folders.add(segment);
            }
        }
        return new JobPath(folders, name);
    }

    /** The folders and the name as URL path segments: {@code job/a/job/b/job/name}. */
    List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String folder : folders) {
            segments.add("job");
            segments.add(folder);
        }
        segments.add("job");
        segments.add(name);
        return segments;
    }

    /** The path segments of the folder the job is in (empty at the top level). */
    List<String> parentSegments() {
        List<String> segments = segments();
        return segments.subList(0, segments.size() - 2);
    }

    /** Jenkins' full name of the job: {@code a/b/name}. */
    String fullName() {
        return folders.isEmpty() ? name : String.join("/", folders) + "/" + name;
    }

    /** Each folder's own path, outermost first (creating them in this order makes the whole path). */
    List<JobPath> folderPaths() {
        List<JobPath> paths = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            paths.add(new JobPath(folders.subList(0, i), folders.get(i)));
        }
        return paths;
    }

    static boolean valid(String segment) {
        return segment != null && SEGMENT.matcher(segment).matches();
    }

    private static void check(String segment, String what) {
        if (!valid(segment)) {
            throw new InvalidTargetSettings("The Jenkins " + what + " '" + printable(segment) + "' is not allowed: "
                    + "use letters, digits, '.', '_' and '-' (up to 80, not starting with '.' or '-').");
        }
    }

    /** For messages: what a user typed, without line breaks or control characters, cut short. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }
}
