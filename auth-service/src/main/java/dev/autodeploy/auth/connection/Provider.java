package dev.autodeploy.auth.connection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The outside systems a user can connect an account of; {@link #wire()} is how the API and the database name them. */
public enum Provider {

    GITHUB, VERCEL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider named {@code wire} (as in a URL path), or empty for anything else. */
    public static Optional<Provider> fromWire(String wire) {
        return Arrays.stream(values()).filter(provider -> provider.wire().equals(wire)).findFirst();
    }
}
