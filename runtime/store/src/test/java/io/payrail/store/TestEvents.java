package io.payrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds envelopes for tests. */
final class TestEvents {
    static final Instant TIME = Instant.parse("2026-01-01T10:00:00Z");

    private TestEvents() {}

    static EventEnvelope event(String type, JsonNode data) {
        return event(type, 1, data);
    }

    static EventEnvelope event(String type, int version, JsonNode data) {
        return new EventEnvelope(UUID.randomUUID(), type, "payrail/test", "subject-1", TIME, data, version,
                "trace-1", "cause-1", "correlation-1", "tenant-1", Map.of("origin", "test"));
    }

    static EventEnvelope numbered(int number) {
        ObjectNode data = Json.mapper().createObjectNode().put("number", number);
        return event("test.numbered", data);
    }

    static List<EventEnvelope> numbered(int from, int count) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            events.add(numbered(from + index));
        }
        return events;
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception failure) {
            throw new IllegalArgumentException(failure);
        }
    }

    static int number(RecordedEvent event) {
        return event.envelope().data().get("number").asInt();
    }
}
