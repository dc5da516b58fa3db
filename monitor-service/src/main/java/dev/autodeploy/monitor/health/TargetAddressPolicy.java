package dev.autodeploy.monitor.health;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import dev.autodeploy.support.net.InternalAddresses;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard of everything the monitor calls on a URL it was given (probe URLs come from the deployer's
 * events, which a CI callback can set; webhook URLs from users): only {@code http}/{@code https} without
 * credentials, and no loopback, private or link-local address unless
 * {@code autodeploy.monitor.health.allow-private-addresses}. The name is resolved when checked; every address it
 * resolves to must be allowed.
 */
@Component
public class TargetAddressPolicy {

    private final boolean allowPrivateAddresses;

    TargetAddressPolicy(HealthProperties properties) {
        this.allowPrivateAddresses = properties.allowPrivateAddresses();
    }

    /** Why {@code url} must not be called, or empty when it may. The reason never repeats the URL. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            return Optional.of("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        }
        catch (UnknownHostException | SecurityException ex) {
            return Optional.of("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                return Optional.of("the host is a loopback, private or link-local address");
            }
        }
        return Optional.empty();
    }
}
