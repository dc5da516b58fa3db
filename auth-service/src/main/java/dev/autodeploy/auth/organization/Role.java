package dev.autodeploy.auth.organization;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Organization roles, strongest first: owner > admin > developer > viewer. */
public enum Role {
    OWNER, ADMIN, DEVELOPER, VIEWER;

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
