package io.payrail.bus;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Json;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds envelopes for tests. */
final class TestEvents {
    private TestEvents() {}

    static EventEnvelope event(String type, String subject, String dataJson) {
        return new EventEnvelope(UUID.randomUUID(), type, "payrail/test", subject, Instant.parse("2026-01-01T00:00:00Z"),
                json(dataJson), 1, null, null, null, "tenant-1", Map.of());
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Appends one event with the given subject, into a stream named after the subject; returns its position. */
    static long append(EventStore store, String type, String subject, String dataJson) {
        AppendResult result = store.append("stream-" + subject, ExpectedRevision.any(),
                List.of(event(type, subject, dataJson)));
        return ((AppendResult.Appended) result).lastPosition();
    }
}
