package io.netcheck.check;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * The agent's step-3 evidence on the wire: the same records the local checklist builds, as JSON, so the rules
 * and the report read lb-a's backends exactly as they read netcheck's own. Only fields go out (no derived
 * getters such as {@code state()}): the server derives them again from the same facts.
 */
public final class EvidenceWire {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .build();

    private EvidenceWire() {
    }

    public static String encode(List<EndpointEvidence> backends) {
        try {
            return JSON.writeValueAsString(backends.toArray(EndpointEvidence[]::new));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the backends' evidence: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not such evidence */
    public static List<EndpointEvidence> decode(String text) {
        try {
            return List.of(JSON.readValue(text, EndpointEvidence[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not backend evidence: " + e.getOriginalMessage(), e);
        }
    }
}
