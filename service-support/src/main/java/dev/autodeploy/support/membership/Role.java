package dev.autodeploy.support.membership;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Organization roles, strongest first: owner > admin > developer > viewer (as auth-service grants them). */
public enum Role {
    OWNER, ADMIN, DEVELOPER, VIEWER;

    /** True when this role may do what {@code minimum} may. */
    public boolean atLeast(Role minimum) {
        return ordinal() <= minimum.ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a wire value names; empty for null or an unknown value (a newer auth-service may add roles). */
    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
