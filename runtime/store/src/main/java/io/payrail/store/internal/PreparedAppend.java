package io.payrail.store.internal;

import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import java.util.List;

/**
 * An append that passed every check that needs no database: its events with their data and
 * metadata already written as JSON text, ready to insert.
 */
public record PreparedAppend(String stream, ExpectedRevision expected, List<EventEnvelope> events,
        List<String> dataJson, List<String> metadataJson) {
    public PreparedAppend {
        events = List.copyOf(events);
        dataJson = List.copyOf(dataJson);
        metadataJson = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(metadataJson));
    }

    public int size() {
        return events.size();
    }
}
