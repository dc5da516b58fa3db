package dev.autodeploy.deployer.target.kubernetes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as the distribution spec's grammar has it ({@code [registry[:port]/]path[:tag][@digest]}),
 * pinned: a tag other than {@code latest} or a digest is required, so a redeploy of the same release runs the
 * same image. {@code {commitSha}} and {@code {shortSha}} in the tag stand for the deployed commit.
 */
record ImageReference(String name, String tag, String digest) {

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile(
            "((?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?"
                    + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
    private static final String SAMPLE_SHA = "0123456789abcdef0123456789abcdef01234567";

    /** The reference, or why it is not one this target deploys. */
    static ImageReference parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("image is required: a container image reference with a tag or digest.");
        }
        if (value.length() > 512) {
            throw new IllegalArgumentException("image is too long.");
        }
        Matcher matcher = REFERENCE.matcher(value);
        if (!matcher.matches() || matcher.group(1).length() > 255) {
            throw new IllegalArgumentException("image '" + value + "' is not a container image reference "
                    + "([registry/]repository[:tag][@sha256:digest], repository in lower case).");
        }
        ImageReference reference = new ImageReference(matcher.group(1), matcher.group(2), matcher.group(3));
        if (reference.tag() == null && reference.digest() == null) {
            throw new IllegalArgumentException("image '" + value + "' names no tag or digest: pin the version "
                    + "(a tag other than latest, or @sha256:...).");
        }
        if ("latest".equals(reference.tag()) && reference.digest() == null) {
            throw new IllegalArgumentException("image '" + value + "' uses the tag latest: pin the version "
                    + "(another tag, or @sha256:...), so a rollback runs what ran before.");
        }
        return reference;
    }

    /** Checks a setting that may hold {@code {commitSha}}/{@code {shortSha}}: as a commit would resolve it. */
    static void check(String setting) {
        parse(resolve(setting, SAMPLE_SHA));
    }

    /** The setting with the commit filled in. */
    static String resolve(String setting, String commitSha) {
        String commit = commitSha == null ? "" : commitSha;
        return setting.replace("{commitSha}", commit).replace("{shortSha}", commit.substring(0, Math.min(7,
                commit.length())));
    }

    Optional<String> pinnedDigest() {
        return Optional.ofNullable(digest);
    }

    @Override
    public String toString() {
        return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
