package dev.autodeploy.monitor.notification;

import java.util.Arrays;
import java.util.Optional;

/** Where a channel sends: a generic signed webhook, a Slack or Discord incoming webhook, or email over SMTP. */
enum ChannelType {

    WEBHOOK("webhook"), SLACK("slack"), DISCORD("discord"), EMAIL("email");

    static final String WIRE_VALUES = "webhook|slack|discord|email";

    private final String wire;

    ChannelType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    boolean usesUrl() {
        return this != EMAIL;
    }

    static Optional<ChannelType> fromWire(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
    }
}
