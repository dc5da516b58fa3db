package dev.autodeploy.support.kafka;

import dev.autodeploy.events.CloudEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link CloudEvent} as CloudEvents 1.0 structured-mode JSON. */
public class CloudEventSerializer implements Serializer<CloudEvent<?>> {

    private final JsonMapper mapper;

    public CloudEventSerializer() {
        this(JsonMapper.builder().build());
    }

    public CloudEventSerializer(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte[] serialize(String topic, CloudEvent<?> event) {
        if (event == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(event);
        }
        catch (JacksonException ex) {
            throw new SerializationException("Cannot write event " + event.id() + " of type " + event.type(), ex);
        }
    }
}
