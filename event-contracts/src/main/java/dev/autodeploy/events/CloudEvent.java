package dev.autodeploy.events;

import java.net.URI;
import java.time.Instant;

/**
 * CloudEvents 1.0 structured-mode envelope around a {@link DomainEvent}. {@code id} is the event's
 * {@code eventId}, {@code subject} its aggregate id, {@code source} the publishing service.
 */
public record CloudEvent<T extends DomainEvent>(String specversion, String id, URI source, String type,
        String subject, Instant time, String datacontenttype, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Wraps {@code data} as published by {@code service}. */
    public static <T extends DomainEvent> CloudEvent<T> of(String service, T data) {
        return new CloudEvent<>(SPEC_VERSION, data.eventId().toString(), URI.create("/autodeploy/" + service),
                EventCatalog.of(data.getClass()).type(), data.aggregateId(), data.occurredAt(), "application/json",
                data);
    }
}
