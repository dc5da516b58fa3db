package dev.autodeploy.git;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.autodeploy.support.net.InternalAddresses;

/**
 * Which repository URLs a service will contact (the SSRF guard). Only {@code https://} — and
 * {@code file://} where {@code autodeploy.git.allow-file-urls} says so — without credentials; the
 * host must resolve to public addresses only, unless it is in {@code autodeploy.git.allowed-hosts}.
 * Checked when a repository is registered and again before every fetch, since DNS answers change.
 */
public class GitUrlPolicy {

    /** scp-like {@code git@github.com:owner/repo.git}. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.+-]+@[\\w.-]+:.*");
    private static final int MAX_LENGTH = 2048;
    // A numeric host with a zero-led part ("0177.0.0.1"): the JVM reads it as decimal (177.0.0.1), while git,
    // curl and browsers read octal (127.0.0.1). A URL checked under one reading may be fetched under the other
    // (a CI runner cloning it with git), so such hosts are not taken at all.
    private static final Pattern AMBIGUOUS_NUMERIC_HOST = Pattern.compile("^[0-9.]*(^|\\.)0[0-9]+[0-9.]*$");

    private final GitProperties properties;
    private final HostResolver resolver;

    public GitUrlPolicy(GitProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    GitUrlPolicy(GitProperties properties, HostResolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /** Resolves a host name to its addresses, as the JVM (and so JGit) will. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL a user typed: its form, then where it leads. */
    public GitUrl check(String raw) {
        GitUrl url = parse(raw);
        requireSafeTarget(url);
        return url;
    }

    /** The form alone: scheme, no credentials, a host (or a path for {@code file://}). */
    public GitUrl parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new GitProblems.UnsupportedUrl("A repository URL of at most " + MAX_LENGTH + " characters is required.");
        }
        if (SCP_LIKE.matcher(text).matches() && !text.contains("://")) {
            throw new GitProblems.UnsupportedUrl("SSH URLs are not supported: use the repository's https:// URL.");
        }
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException ex) {
            throw new GitProblems.UnsupportedUrl("This is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.contains("ssh") || scheme.startsWith("git")) {
            throw new GitProblems.UnsupportedUrl("SSH and git:// URLs are not supported: use the repository's https:// URL.");
        }
        if (uri.getRawUserInfo() != null || rawAuthorityHasUserInfo(uri)) {
            throw new GitProblems.CredentialsInUrl();
        }
        switch (scheme) {
            case "https" -> {
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw new GitProblems.UnsupportedUrl("The URL names no host.");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new GitProblems.UnsupportedUrl("Repository URLs take no query or fragment.");
                }
                if (AMBIGUOUS_NUMERIC_HOST.matcher(uri.getHost()).matches()) {
                    throw new GitProblems.UnsupportedUrl("Write the host's IP address without leading zeros.");
                }
                String normalized = "https://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                        + (uri.getRawPath() == null ? "" : uri.getRawPath());
                return new GitUrl(normalized, unbracketed(uri.getHost()).toLowerCase(Locale.ROOT));
            }
            case "file" -> {
                if (!properties.allowFileUrls()) {
                    throw new GitProblems.UnsupportedUrl("file:// URLs are not allowed on this server.");
                }
                if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()
                        || uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new GitProblems.UnsupportedUrl("A file:// URL needs an absolute path: file:///path/to/repo.git");
                }
                return new GitUrl("file://" + uri.getRawPath(), null);
            }
            default -> throw new GitProblems.UnsupportedUrl("Only https:// repository URLs are supported.");
        }
    }

    /** Refuses a URL whose host resolves to any internal address (all of them are checked, not just the first). */
    public void requireSafeTarget(GitUrl url) {
        if (url.isFile()) {
            if (!properties.allowFileUrls()) {
                throw new GitProblems.UnsupportedUrl("file:// URLs are not allowed on this server.");
            }
            return;
        }
        if (properties.allowed(url.host())) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(url.host());
        }
        catch (UnknownHostException | SecurityException ex) {
            throw new GitProblems.UnresolvableHost();
        }
        if (addresses.length == 0) {
            throw new GitProblems.UnresolvableHost();
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                throw new GitProblems.UnsafeHost();
            }
        }
    }

    /** {@code java.net.URI} leaves the authority unparsed (server-based parsing failed) for some hosts. */
    private static boolean rawAuthorityHasUserInfo(URI uri) {
        return uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().contains("@");
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
