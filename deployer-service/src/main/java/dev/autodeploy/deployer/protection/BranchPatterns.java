package dev.autodeploy.deployer.protection;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Glob patterns of branch names: {@code *} is any run of characters but {@code /}, {@code **} any run including
 * {@code /}, {@code ?} one character but {@code /}; everything else stands for itself ({@code main},
 * {@code release/*}, {@code **}).
 */
final class BranchPatterns {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/+*?-]{1,255}");

    private BranchPatterns() {
    }

    /** What is wrong with the pattern, empty when it is a valid one. */
    static Optional<String> problem(String pattern) {
        if (pattern == null || !ALLOWED.matcher(pattern).matches()) {
            return Optional.of("'" + pattern + "' is not a branch pattern (letters, digits, . _ / + - and the"
                    + " wildcards * ** ?, at most 255 characters)");
        }
        if (pattern.contains("***") || pattern.contains("..") || pattern.contains("//") || pattern.startsWith("-")
                || pattern.startsWith("/") || pattern.endsWith("/")) {
            return Optional.of("'" + pattern + "' can match no branch name");
        }
        return Optional.empty();
    }

    static boolean matches(String pattern, String branch) {
        return branch != null && regex(pattern).matcher(branch).matches();
    }

    static boolean anyMatches(List<String> patterns, String branch) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, branch));
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            }
            else if (c == '*') {
                regex.append("[^/]*");
            }
            else if (c == '?') {
                regex.append("[^/]");
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
