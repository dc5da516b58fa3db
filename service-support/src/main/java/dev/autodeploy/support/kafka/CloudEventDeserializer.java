package dev.autodeploy.support.kafka;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.EventCatalog;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CloudEvents 1.0 structured-mode JSON, resolving {@code data} to the record its
 * {@code type} names in {@link EventCatalog}. Unknown types and malformed envelopes fail with a
 * {@link SerializationException}, which the consumer's error handler dead-letters.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<?>> {

    private final JsonMapper mapper;

    public CloudEventDeserializer() {
        // Newer producers may add fields to an event; older consumers must still read it.
        this(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
    }

    public CloudEventDeserializer(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CloudEvent<?> deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode envelope = mapper.readTree(bytes);
            String specVersion = text(envelope, "specversion");
            if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
                throw new SerializationException("Unsupported CloudEvents specversion '" + specVersion + "' on " + topic);
            }
            String type = text(envelope, "type");
            EventCatalog.Entry entry = EventCatalog.byType(type)
                    .orElseThrow(() -> new SerializationException("Unknown event type '" + type + "' on " + topic));
            DomainEvent data = mapper.treeToValue(envelope.required("data"), entry.eventClass());
            return new CloudEvent<>(specVersion, text(envelope, "id"), URI.create(text(envelope, "source")), type,
                    envelope.path("subject").asString(null), Instant.parse(text(envelope, "time")),
                    envelope.path("datacontenttype").asString(null), data);
        }
        catch (JacksonException | IllegalArgumentException | DateTimeParseException ex) {
            throw new SerializationException("Malformed CloudEvent on " + topic + ": " + ex.getMessage(), ex);
        }
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isString()) {
            throw new SerializationException("CloudEvent attribute '" + field + "' is missing");
        }
        return value.asString();
    }
}
